Feature: New-post alerts
  A new dish alerts verified, active, opted-in neighbors whose radius covers it, never the
  sharer, never someone whose diet it conflicts with, never in quiet hours (22:00-08:00), and at
  most 5 times a day each.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor

  Scenario: A neighbor nearby is alerted with the dish's details
    When Priya shares 3 portions of satay containing peanuts, soy
    Then Tom gets a new-post alert about satay
    And Tom is notified "New nearby: satay from Priya (~100 m)"
    And Tom is notified "Allergens: peanuts, soy"
    And Priya gets no new-post alerts

  Scenario: A neighbor beyond the alert radius is not alerted
    Given Ravi is a neighbor 1500 m north of the centre
    When Priya shares 3 portions of dal
    Then Ravi gets no new-post alerts
    And Tom gets a new-post alert about dal

  Scenario: A neighbor who turned alerts off is not alerted
    Given Tom turned off new-post alerts
    When Priya shares 3 portions of dal
    Then Tom gets no new-post alerts
    And no alert about dal was queued for Tom

  Scenario: A dish with an allergen the neighbor avoids is not alerted
    Given Tom is allergic to peanuts
    When Priya shares 3 portions of satay containing peanuts
    And Priya shares 3 portions of rice
    Then Tom gets no new-post alerts about satay
    And Tom gets a new-post alert about rice

  Scenario: A dish that doesn't fit the neighbor's diet is not alerted
    Given Tom eats only vegan food
    When Priya shares 3 portions of cheese tagged vegetarian
    And Priya shares 3 portions of hummus tagged vegan
    Then Tom gets no new-post alerts about cheese
    And Tom gets a new-post alert about hummus

  Scenario: Nobody is woken in quiet hours
    Given it is 23:00 in the neighborhood
    When Priya shares 3 portions of dal
    Then Tom gets no new-post alerts
    And no alert about dal was queued for Tom

  Scenario: Quiet hours last until 08:00
    Given it is 07:59 in the neighborhood
    When Priya shares 3 portions of dal
    Then Tom gets no new-post alerts about dal
    Given it is 08:00 in the neighborhood
    When Priya shares 3 portions of soup
    Then Tom gets a new-post alert about soup

  Scenario: At most five new-post alerts a day
    When Priya shares 1 portion of a1
    And Priya shares 1 portion of a2
    And Priya shares 1 portion of a3
    And Priya shares 1 portion of a4
    And Priya shares 1 portion of a5
    And Priya shares 1 portion of a6
    Then Tom gets 5 new-post alerts
    And no alert about a6 was queued for Tom
    When 1 day passes
    And Priya shares 1 portion of b1
    Then Tom gets a new-post alert about b1

  Scenario: A suspended neighbor is not alerted
    Given Tom is suspended
    When Priya shares 3 portions of dal
    Then Tom gets no new-post alerts
    And no alert about dal was queued for Tom

  Scenario: A neighbor who blocked the bot stops getting alerts
    Given Tom has blocked the bot
    When Priya shares 3 portions of dal
    Then Tom gets no new-post alerts
    And Tom is unreachable
    When Priya shares 3 portions of soup
    Then no alert about soup was queued for Tom

  Scenario: A dish shared in quiet hours waits for the morning digest
    Given Ana is a neighbor
    And Ana turned off the daily digest
    And it is 23:00 in the neighborhood
    When Priya shares 3 portions of dal for pickup "tomorrow 12-1pm"
    Then Tom gets no new-post alerts
    When 9 hours pass
    And the morning digest goes out
    Then Tom is notified "Good morning! 1 dish near you today:"
    And Tom is notified "dal (~100 m), 3 portions, pickup Tue 12:00–13:00"
    And Priya is not notified "Good morning!"
    And Ana is not notified "Good morning!"

  Scenario: The morning digest counts several dishes in the plural
    Given it is 23:00 in the neighborhood
    When Priya shares 3 portions of dal for pickup "tomorrow 12-1pm"
    And Priya shares 2 portions of soup for pickup "tomorrow 12-1pm"
    And Priya shares 1 portion of bread for pickup "tomorrow 12-1pm"
    When 9 hours pass
    And the morning digest goes out
    Then Tom is notified "Good morning! 3 dishes near you today:"
