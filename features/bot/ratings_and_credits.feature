Feature: Rating, credits and reports through the bot

  Background:
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 3 portions of "Red lentil dal"
    And Tom asked for 2 portions of "Red lentil dal"
    And Priya accepted

  Scenario: A 5-star dish earns the sharer a bonus credit
    Given Tom picked up
    When Tom sends "/rate"
    Then Tom is told "How was Red lentil dal?"
    When Tom taps "5"
    Then Tom is told "How was the pickup with Priya?"
    When Tom taps "4"
    And Tom sends "Lovely, thanks"
    Then Tom is told "Thanks for rating! Priya gets a bonus credit"
    And Priya has 8 credits
    When Tom sends "/rate"
    Then Tom is told "Nothing to rate right now"

  Scenario: The sharer rates only the interaction
    Given Tom picked up
    When Priya taps "Rate"
    Then Priya is told "How was the pickup with Tom?"
    When Priya taps "5"
    And Priya taps "Skip"
    Then Priya is told "Thanks for rating!"

  Scenario: Rating before the pickup is refused
    When Tom sends "/rate"
    Then Tom is told "Nothing to rate right now"

  Scenario: Credits show the balance and the movements
    When Tom sends "/credits"
    Then Tom is told "Your balance: 3 credits"
    And Tom is told "-2  Held for a request"
    And Tom is told "+5  Welcome bonus"

  Scenario: A food-safety report hides the dish
    When Tom sends "/report"
    Then Tom sees the buttons "Red lentil dal with Priya"
    When Tom taps "Red lentil dal with Priya"
    And Tom taps "Food safety"
    And Tom sends "It smelled off"
    And Tom taps "Skip"
    Then Tom is told "is with the moderators"
    And Tom is told "Thank" exactly once
    And Priya is told "was hidden because of a food-safety concern"

  Scenario: A reporter at the daily limit is refused at /report, before describing anything
    Given Tom's last 5 reports about Priya were dismissed and he filed another today
    When Tom sends "/report"
    Then Tom is told "You can file one report a day for now."
    And Tom is not told "Who or what is it about?"
    When Tom sends "/browse"
    And Tom taps "Report"
    Then Tom is told "You can file one report a day for now."
    And Tom is not told "What's the problem?"

  Scenario: An accepted exchange completes by itself a day after the window
    When 26 hours pass
    Then Priya is told "Did the pickup of Red lentil dal happen?"
    And Priya is told "is complete"
    And Priya has 7 credits

  Scenario: A report can carry photo evidence
    Given Tom picked up
    When Tom sends "/report"
    And Tom taps "Red lentil dal with Priya"
    And Tom taps "Other"
    And Tom sends "Left the container outside in the rain"
    And Tom sends a photo of the dish
    Then Tom is told "is with the moderators"
    And the moderators have a report with photo evidence

  Scenario: A dish gone from /browse can still be reported for 30 days
    When 26 hours pass
    And Tom sends "/report"
    Then Tom sees the buttons "Red lentil dal with Priya, Red lentil dal (expired)"
    When Tom taps "Red lentil dal (expired)"
    And Tom taps "Fake listing"
    And Tom sends "The dal was a tin of beans"
    And Tom taps "Skip"
    Then Tom is told "is with the moderators"
    When Priya sends "/report"
    Then Priya sees the buttons "Red lentil dal with Tom"
    When 30 days pass
    And Tom sends "/report"
    Then Tom is told "To report a dish, tap ⚠️ Report under it in /browse."

  Scenario: Rating twice is refused before any stars are asked for
    Given Tom picked up
    When Tom taps "Rate"
    And Tom taps "3"
    And Tom taps "3"
    And Tom taps "Skip"
    And Tom taps "Rate"
    Then Tom is told "You've already rated this exchange"

  Scenario: After the 7 days, Rate says the window is over, not that it was rated
    Given Tom picked up
    When 8 days pass
    And Tom taps "Rate"
    Then Tom is told "Ratings are open for 7 days after the pickup."
    And Tom is not told "already rated"
    When Priya taps "Rate"
    Then Priya is told "Ratings are open for 7 days after the pickup."
