Feature: Community groups: a group's admin links it to a place, and new dishes nearby are announced there

  Background:
    Given Priya has a profile
    And Tom has a profile
    And Tom is an admin of the group hall

  Scenario: An admin links the group with a pin, and a new dish nearby is announced with its card
    When Tom pins the group's place in the group hall and replies "/linkgroup 800 en"
    Then the group hall is told "Linked. I'll post new dishes within 800 m of this place here"
    And the group hall is linked
    When Priya shares 3 portions of "Dal"
    Then the group hall has 1 announcement
    And the group hall is told "New nearby"
    And the announcement in the group hall has a Request button opening the private chat at "Dal"
    And no card or announcement in the group hall gives away Priya's home, apartment or phone

  Scenario: Only the group's admins can link it or unlink it
    When Priya pins the group's place in the group hall and replies "/linkgroup 800"
    Then the group hall is told "Only this group's admins can link or unlink it."
    And the group hall is not linked
    When Tom pins the group's place in the group hall and replies "/linkgroup 800"
    And Priya writes "/unlinkgroup" in the group hall
    Then the group hall is linked

  Scenario: An admin changes the link: another radius and language
    When Tom pins the group's place in the group hall and replies "/linkgroup 800 en"
    And Tom pins the group's place in the group hall and replies "/linkgroup 1500 uk"
    Then the group hall is told "✅ Прив'язано."
    And the group hall is linked within 1500 m in "uk"

  Scenario: /linkgroup without a pin, or with a radius out of bounds, explains how and links nothing
    When Tom writes "/linkgroup 800" in the group hall
    Then the group hall is told "send the place as a location pin, then reply to that pin"
    When Tom pins the group's place in the group hall and replies "/linkgroup 50000"
    Then the group hall is not linked

  Scenario: The group's messages are in the group's language
    When Tom pins the group's place in the group hall and replies "/linkgroup 500 de"
    Then the group hall is told "Verknüpft."
    When Priya shares 2 portions of "Dal"
    Then the group hall is told "Neu in der Nähe"

  Scenario: At most the day's cap, and nothing in the quiet hours
    When Tom pins the group's place in the group hall and replies "/linkgroup 800"
    And 12 hours pass
    And Priya shares 1 portions of "Late soup"
    Then the group hall has 0 announcements
    When 10 hours pass
    And Priya shares 1 portions of "Bread"
    And Priya shares 1 portions of "Jam"
    And Priya shares 1 portions of "Rice"
    And Priya shares 1 portions of "Dal"
    And Priya shares 1 portions of "Stew"
    And Priya shares 1 portions of "Pie"
    Then the group hall has 5 announcements

  Scenario: /unlinkgroup stops the announcements, and so does removing the bot
    When Tom pins the group's place in the group hall and replies "/linkgroup 800"
    And Tom writes "/unlinkgroup" in the group hall
    Then the group hall is told "This group is unlinked"
    When Priya shares 3 portions of "Dal"
    Then the group hall has 0 announcements
    When Tom pins the group's place in the group hall and replies "/linkgroup 800"
    And Tom removes the bot from the group hall
    Then the group hall is not linked

  Scenario: In a private chat, /linkgroup says where it works
    When Tom sends "/linkgroup"
    Then Tom is told "work in a group, sent by its admins"

  Scenario: A dish's announcement stays true, as its cards do
    When Tom pins the group's place in the group hall and replies "/linkgroup 800"
    And Priya shares 2 portions of "Dal"
    And Tom asks for 2 portions of "Dal"
    Then the announcement in the group hall says "All taken, thank you!"
    And the announcement in the group hall says "New nearby"
    When the announcement in the group hall is deleted
    And Priya sends "/mine"
    And Priya taps "Withdraw"
    And Priya taps "Withdraw now"
    Then the bot keeps no card of "Dal"
    And every edit of the cards of Priya's dishes was sent or let go

  Scenario: A dish a moderator hid leaves the group: its announcement is deleted, photo and all
    Given Sam has a profile
    When Tom pins the group's place in the group hall and replies "/linkgroup 800"
    And Priya shares 2 portions of "Dal"
    Then the group hall has 1 announcement
    When a moderator hides "Dal"
    Then the bot deleted the announcement in the group hall
    And nothing in the group hall says "Dal"

  Scenario: An announcement too old for the bot to delete is emptied instead
    Given Sam has a profile
    When Tom pins the group's place in the group hall and replies "/linkgroup 800"
    And Priya shares 2 portions of "Dal"
    And the announcement in the group hall is 3 days old
    And a moderator hides "Dal"
    Then the group hall is told "This dish is no longer offered."
    And nothing in the group hall says "Dal"

  Scenario: A group upgraded to a supergroup keeps its link
    Given the group yard is a basic group that Tom made
    When Tom pins the group's place in the group yard and replies "/linkgroup 800"
    And Telegram upgrades the group yard to a supergroup
    And Priya shares 3 portions of "Dal"
    Then the group yard is linked
    And the group yard has 1 announcement

  Scenario: A group upgraded while the bot was not told is let go when it writes there
    Given the group yard is a basic group that Tom made
    When Tom pins the group's place in the group yard and replies "/linkgroup 800"
    And Telegram upgrades the group yard to a supergroup without telling the bot
    And Priya shares 3 portions of "Dal"
    Then no group is linked
    And the group yard has 0 announcements

  Scenario: A group's admins find /linkgroup and /unlinkgroup in the group's command menu
    When the bot restarts
    Then the command menu of group admins is "/linkgroup, /unlinkgroup" in every language
