Feature: The map: a Mini App opened from /browse and from the menu button, in private chats only

  Background:
    Given Priya has a profile
    And Tom has a profile

  Scenario: /browse offers the map under the dishes when a Mini App is set up
    Given the Mini App is at "https://bot.example.org/miniapp/"
    And Priya shared 3 portions of "Dal"
    When Tom sends "/browse"
    Then Tom is told "Dal"
    And Tom's last message has a Map button opening "https://bot.example.org/miniapp/"

  Scenario: Nothing nearby still offers the map
    Given the Mini App is at "https://bot.example.org/miniapp/"
    When Tom sends "/browse"
    Then Tom is told "Nothing to pick up nearby right now"
    And Tom's last message has a Map button opening "https://bot.example.org/miniapp/"

  Scenario: Without a Mini App there is no Map button
    Given Priya shared 3 portions of "Dal"
    When Tom sends "/browse"
    Then Tom is told "Dal"
    And no message to Tom has a Map button

  Scenario: The menu button of private chats opens the map, set at every start
    Given the Mini App is at "https://bot.example.org/miniapp/"
    When the bot restarts
    Then the menu button of private chats is a Map opening "https://bot.example.org/miniapp/"

  Scenario: The menu's Map speaks the neighbor's language once they choose one
    Given the Mini App is at "https://bot.example.org/miniapp/"
    When Tom sends "/settings"
    And Tom taps "Deutsch"
    Then Tom's menu button is a Map labelled "🗺 Karte"
    When Tom taps "English"
    Then Tom's menu button is a Map labelled "🗺 Map"

  Scenario: A new neighbor's menu button is set for their chat
    Given the Mini App is at "https://bot.example.org/miniapp/"
    And Ana has a profile
    Then Ana's menu button is a Map labelled "🗺 Map"

  Scenario: Without a Mini App the menu button lists the commands
    When the bot restarts
    Then the menu button of private chats lists the commands

  Scenario: A group never gets the Map button
    Given the Mini App is at "https://bot.example.org/miniapp/"
    And Priya shared 3 portions of "Dal"
    When Priya writes "/browse" in the group hall
    Then the group hall is told "I answer that in our private chat" exactly once
    And no message to the group hall has a Map button
