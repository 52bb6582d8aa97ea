Feature: Ratings
  After a completed exchange each side rates the other once, within 7 days: the interaction,
  and the food (requester only). Low interaction ratings suspend a neighbor pending review.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor
    And Priya shared 6 portions of dal
    And Tom picked up 1 portion of dal

  Scenario: The requester rates the interaction and the food
    When Tom rates Priya 4 stars and the dal 5 stars
    Then Priya has 7 credits
    And Priya's ledger shows "5-star food bonus" 1 times

  Scenario: The sharer rates the interaction only
    When Priya rates Tom 4 stars
    Then Tom has 4 credits
    And Priya has 6 credits

  Scenario: The sharer can't rate their own food
    When Priya rates Tom 5 stars and the dal 5 stars
    Then Priya is told "Only the neighbor who received the food rates the food."
    And Priya has 6 credits

  Scenario: Rating twice is refused and pays the bonus once
    Given Tom rated Priya 5 stars and the dal 5 stars
    When Tom rates Priya 5 stars and the dal 5 stars
    Then Tom is told "You've already rated this exchange. Thank you!"
    And Priya has 7 credits
    And Priya's ledger shows "5-star food bonus" 1 times

  Scenario: Ratings are open for 7 days
    When 6 days pass
    And Tom rates Priya 5 stars
    And Priya rates Tom 5 stars
    Then Priya has 6 credits

  Scenario: Ratings close after 7 days
    When 8 days pass
    And Tom rates Priya 5 stars and the dal 5 stars
    Then Tom is told "Ratings are open for 7 days after the pickup."
    And Priya has 6 credits

  Scenario: An exchange can be rated only after the pickup
    Given Ana is a neighbor
    And Ana requested 1 portion of dal
    And Priya accepted Ana's request
    When Ana rates Priya 5 stars
    Then Ana is told "You can rate an exchange once the pickup has happened."
    And Ana's request is accepted
    And Priya has 6 credits

  Scenario: Stars go from 1 to 5
    When Tom rates Priya 0 stars
    Then Tom is told "Please give the interaction 1 to 5 stars."
    And Priya's rating shows "new neighbor"
    And Priya has 6 credits

  Scenario: Three low interaction ratings in 30 days suspend a neighbor
    Given Ana, Ben and Cy are neighbors
    And Ana, Ben and Cy each picked up a portion of dal
    When Ana rates Priya 1 star
    And Ben rates Priya 2 stars
    Then Priya is active
    When Cy rates Priya 2 stars
    Then Priya is suspended for 30 days
    And Priya is notified "Your account is paused for 30 days because of several low ratings"
    And the audit log records the system "auto-suspend" on Priya because "low ratings"
    And an open report against Priya awaits a moderator
    When Priya shares 2 portions of soup
    Then Priya is told "Your account is paused while a moderator reviews it"

  Scenario: Low ratings with a good average don't suspend
    Given Ana, Ben, Cy, Dee and Eve are neighbors
    And Ana, Ben, Cy, Dee and Eve each picked up a portion of dal
    When Tom rates Priya 5 stars
    And Ana rates Priya 5 stars
    And Ben rates Priya 5 stars
    And Cy rates Priya 2 stars
    And Dee rates Priya 2 stars
    And Eve rates Priya 2 stars
    Then Priya is active
    And Priya's rating shows "3.5★ (6)"

  Scenario: Low ratings older than 30 days don't count
    Given Ana, Ben and Cy are neighbors
    And Ana and Ben each picked up a portion of dal
    And Ana rated Priya 1 star
    And Ben rated Priya 1 star
    When 31 days pass
    And Priya shares 2 portions of soup
    And Cy requests 1 portion of soup
    And Priya accepts Cy's request
    And Cy confirms the pickup
    And Cy rates Priya 1 star
    Then Priya is active
