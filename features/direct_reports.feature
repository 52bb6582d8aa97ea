Feature: Naming whom or what to report
  /report offers every exchange a neighbor was part of in the last 30 days, as either side, by
  the dish and the other side's first name (never an apartment), and the dishes of those that
  were hidden, expired or withdrawn since, so that a neighbor or a dish can be reported once it
  is gone from /browse. The usual limits and evidence apply.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor in apartment 7C
    And Ana is a neighbor
    And Priya shared 3 portions of dal for pickup "6-7pm today"

  Scenario: Both sides of an exchange may name each other
    Given Tom requested 1 portion of dal
    Then Tom may report "dal with Priya"
    And Priya may report "dal with Tom"
    And Ana may report nothing

  Scenario: An expired dish of that time can be named and reported
    Given Tom requested 1 portion of dal
    When the clock reaches 19:00
    Then the dal is expired
    And Tom may report "dal with Priya, dal (expired)"
    And Priya may report "dal with Tom"
    When Tom reports the dal for fake listing: "There was no dal at all"
    Then Tom's report is open
    And Tom's report is against Priya

  Scenario: A dish hidden after a food-safety report can still be named
    Given Tom requested 1 portion of dal
    And Ana reported the dal for food safety
    Then Tom may report "dal with Priya, dal (hidden)"

  Scenario: A dish its sharer withdrew can still be named
    Given Tom requested 1 portion of dal
    And Priya withdraws the dal
    Then Tom may report "dal with Priya, dal (withdrawn)"

  Scenario: Exchanges older than 30 days are not offered
    Given Tom picked up 1 portion of dal
    When 31 days pass
    Then Tom may report nothing
    And Priya may report nothing

  Scenario: Naming an exchange reports the other side, with the dish
    Given Tom requested 1 portion of dal
    When Tom reports the exchange with Priya for harassment: "Rude at the door"
    Then Tom's report is against Priya
    And Tom's report names the dal
