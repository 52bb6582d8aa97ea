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
