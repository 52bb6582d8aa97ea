Feature: Seeing what is kept about me
  /mydata sends a neighbor everything kept about them as a JSON file: their profile without the
  phone's keyed hash, their posts, exchanges, credit ledger, ratings given and received without
  the other side's identity, the reports they filed, but not the reports against them, and what
  was done to their account, but not by whom.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor in apartment 7C
    And Ana is a neighbor
    And Priya shared 3 portions of dal
    And Tom picked up 2 portions of dal
    And Tom rated Priya 5 stars and the dal 5 stars: "Lovely dal"
    And Priya rated Tom 4 stars: "On time"

  Scenario: The export holds the profile, posts, exchanges, credits and ratings
    When Priya exports her data
    Then Priya's export shows:
      | field                        | value         |
      | profile.preferred_name       | Priya         |
      | profile.apartment            | 4B            |
      | profile.settings.daily_digest | true         |
      | posts.0.name                 | dal           |
      | posts.0.portions             | 3             |
      | exchanges.0.role             | sharer        |
      | exchanges.0.dish             | dal           |
      | exchanges.0.status           | completed     |
      | credits.balance              | 8             |
      | credits.ledger.0.kind        | five_star_bonus |
      | ratings.received.0.comment   | Lovely dal    |
      | ratings.received.0.food      | 5             |
      | ratings.given.0.comment      | On time       |
    And Priya's export lists 3 credit movements
    And Priya's export never shows Priya's phone hash
    And Priya's export never shows who Tom is

  Scenario: The requester's side of the same exchange
    When Tom exports his data
    Then Tom's export shows:
      | field                      | value       |
      | exchanges.0.role           | requester   |
      | exchanges.0.portions       | 2           |
      | credits.balance            | 3           |
      | ratings.given.0.comment    | Lovely dal  |
      | ratings.received.0.comment | On time     |
    And Tom's export lists no posts
    And Tom's export never shows who Priya is

  Scenario: Reports filed are in the export, reports against the neighbor are not
    Given Ana reported Priya for spam: "Posts the same dish every hour"
    And Priya reported the exchange with Tom for other: "Left the box open"
    When Priya exports her data
    Then Priya's export shows:
      | field                      | value             |
      | reports_filed.0.about      | exchange          |
      | reports_filed.0.category   | other             |
      | reports_filed.0.description | Left the box open |
      | reports_filed.0.status     | open              |
    And Priya's export lists 1 report filed
    And Priya's export never shows "Posts the same dish every hour"
    And Priya's export never shows who Tom is

  Scenario: What was done to the account is in the export, not who reported or decided it
    Given Ben is a neighbor
    And Tom reported Priya for harassment
    And Ana reported Priya for harassment
    And Ben reported Priya for harassment
    When Priya exports her data
    Then Priya's export shows:
      | field                    | value           |
      | profile.status           | suspended       |
      | account_actions.0.action | auto-suspend    |
      | account_actions.0.reason | several reports |
    And Priya's export lists no reports filed
    And Priya's export never shows who Ben is
