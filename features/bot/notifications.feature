Feature: Messages the bot sends on its own

  Background:
    Given Priya has a profile
    And Tom has a profile

  Scenario: A neighbor who blocked the bot is no longer messaged
    Given Tom has blocked the bot
    And Priya shared 2 portions of "Flatbread"
    Then Tom is no longer messaged

  Scenario: When Telegram asks to slow down, the alert is sent a little later
    Given Telegram asks the bot to slow down when messaging Tom
    And Priya shared 2 portions of "Flatbread"
    Then Tom is told "New nearby: Flatbread from Priya"
    And the bot waited 3 seconds twice, as Telegram asked

  Scenario: Requesting straight from a new-post alert
    Given Priya shared 2 portions of "Flatbread"
    When Tom taps "Request"
    And Tom taps "1"
    Then Tom is told "You asked Priya for 1 portion of Flatbread"
