Feature: A neighbor's own data through the bot: /mydata and /deleteaccount

  Background:
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 3 portions of "Red lentil dal"
    And Tom asked for 2 portions of "Red lentil dal"

  Scenario: /mydata sends everything kept as a JSON file
    When Tom sends "/mydata"
    Then Tom receives the JSON file "neighborshare-my-data-2026-06-01.json" where profile.preferred_name is "Tom"
    And Tom receives the JSON file "neighborshare-my-data-2026-06-01.json" where exchanges.0.dish is "Red lentil dal"
    And Tom is told "Your phone number is not in it"

  Scenario: /deleteaccount asks first, and keeping the account changes nothing
    When Tom sends "/deleteaccount"
    Then Tom is told "Delete your account?"
    And Tom is told "kept only so that a new account with it gets no second welcome bonus"
    When Tom taps "Keep it"
    Then Tom is told "Good, your account stays as it is."
    And Tom has 3 credits

  Scenario: Deleting the account ends the request, and coming back starts again without a bonus
    When Tom sends "/deleteaccount"
    And Tom taps "Delete my account"
    Then Tom is told "Your account is deleted."
    And Priya is told "A neighbor cancelled their request for Red lentil dal."
    When Priya sends "/report"
    Then Priya sees the buttons "Red lentil dal with a former neighbor"
    When Tom sends "/mydata"
    Then Tom is told "Please set up your profile first with /start."
    When Tom sets up a profile again
    Then Tom is told "This phone number had its welcome bonus before"
    And Tom has 0 credits

  Scenario: A neighbor the moderators banned can't come back by deleting the account
    Given Tom's account is closed by the moderators
    When Tom sends "/deleteaccount"
    And Tom taps "Delete my account"
    Then Tom is told "Your account is deleted."
    When Tom starts again and shares the same phone
    Then Tom is told "This account has been closed by the moderators."
