Feature: Sharing a dish
  A neighbor shares 1 to 20 portions with a pickup window that starts no earlier than five
  minutes ago, ends after it starts and ends within 48 hours.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor

  Scenario: A shared dish is open for requests
    When Priya shares 3 portions of dal for pickup "6-7pm today"
    Then the dal is active
    And the dal has 3 portions left
    And Tom gets a new-post alert about dal
    And Tom is notified "New nearby: dal from Priya (~100 m)"
    And Tom is notified "3 portions · pickup Mon 18:00–19:00"

  Scenario: More than 20 portions is refused
    When Priya shares 21 portions of dal
    Then Priya is told "Please choose 1 to 20 portions."
    And Priya has no posts
    And Tom gets no new-post alerts

  Scenario: Zero portions is refused
    When Priya shares 0 portions of dal
    Then Priya is told "Please choose 1 to 20 portions."
    And Priya has no posts

  Scenario: A window in the past is refused
    When Priya shares 3 portions of dal for pickup "8-9am today"
    Then Priya is told "That pickup window is already over. Pick a later time, or say “tomorrow”."
    And Priya has no posts

  Scenario: "6-7pm today" typed at 19:45 is over, not started
    Given it is 19:45 in the neighborhood
    When Priya shares 3 portions of dal for pickup "6-7pm today"
    Then Priya is told "That pickup window is already over."
    And Priya has no posts

  Scenario: A window that started and goes on is refused as started
    Given it is 18:30 in the neighborhood
    When Priya shares 3 portions of dal for pickup "6-7pm today"
    Then Priya is told "That pickup window has already started. Pick a later time."
    And Priya has no posts

  Scenario: A late window crosses midnight
    Given it is 22:00 in the neighborhood
    When Priya shares 3 portions of dal for pickup "23:00-01:00"
    Then the dal is active
    And the dal's pickup window is Mon 23:00 to Tue 01:00

  Scenario: A window that started a few minutes ago is still fine
    When Priya shares 3 portions of dal for pickup from 4 minutes ago until 1 hour from now
    Then the dal is active
    And the dal has 3 portions left

  Scenario: A window that started more than five minutes ago is refused
    When Priya shares 3 portions of dal for pickup from 6 minutes ago until 1 hour from now
    Then Priya is told "That pickup window has already started."
    And Priya has no posts

  Scenario: A window ending more than 48 hours ahead is refused
    When Priya shares 3 portions of dal for pickup from 46 hours from now until 49 hours from now
    Then Priya is told "The pickup window must end within 48 hours."
    And Priya has no posts

  Scenario: A window ending before it starts is refused
    When Priya shares 3 portions of dal for pickup "19:00-18:00"
    Then Priya is told "The pickup window must end after it starts."
    And Priya has no posts

  Scenario: Gibberish instead of a time gets a hint
    When Priya shares 3 portions of dal for pickup "whenever"
    Then Priya is told "Try a button, or type something like"
    And Priya has no posts

  Scenario: A suspended neighbor cannot share
    Given Priya is suspended
    When Priya shares 3 portions of dal
    Then Priya is told "Your account is paused while a moderator reviews it"
    And Priya has no posts
    And Tom gets no new-post alerts

  Scenario: A banned neighbor cannot share
    Given Priya is banned
    When Priya shares 3 portions of dal
    Then Priya is told "This account has been closed by the moderators."
    And Priya has no posts
