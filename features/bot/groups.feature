Feature: Group chats: nothing private is said there, and a command points to the private chat

  Scenario: A command in a group gets one short pointer into the private chat
    Given Priya has a profile
    When Priya writes "/mine@NeighborShareBot" in the group hall
    Then the group hall is told "I answer that in our private chat" exactly once
    And every message to the group hall has a button into the private chat, opening "mine"

  Scenario: Nothing private reaches a group, whatever a neighbor types there
    Given Priya has a profile
    And Priya shared 3 portions of "Dal"
    When Priya writes "/mine" in the group hall
    And Priya writes "/credits@NeighborShareBot" in the group hall
    And Priya writes "/start" in the group hall
    And Priya writes "/browse 2" in the group hall
    And Priya writes "Who made the dal?" in the group hall
    Then the group hall was sent 4 messages
    And every message to the group hall has a button into the private chat, opening "mine, credits, -, browse"
    And nothing private about Priya reaches the group hall

  Scenario: Group chatter, other bots' commands and unknown commands get silence
    Given Priya has a profile
    When Priya writes "Anyone for soup?" in the group hall
    And Priya writes "/dance" in the group hall
    And Priya writes "/mine@SomeOtherBot" in the group hall
    Then the group hall was sent nothing

  Scenario: What a neighbor writes in a group is never taken as an answer in their onboarding
    When Tom sends "/start"
    And Tom writes "Tommy the Great" in the group hall
    And Tom sends "Tom"
    Then Tom is told "Thanks, Tom!"
    And the group hall was sent nothing

  Scenario: Group chatter does not count against a neighbor's updates a minute
    Given Priya has a profile
    When Priya writes "lol" in the group hall 14 times
    And Priya sends "/help"
    Then Priya is told "/share – offer a dish"
    And Priya is not told "You're going a little fast"

  Scenario: An edited message never runs a command
    Given Priya has a profile
    When Priya edits an earlier message to "/start"
    Then Priya was sent nothing

  Scenario: A neighbor who blocks the bot is no longer messaged, and is again once they unblock it
    Given Priya has a profile
    When Priya blocks the bot
    Then Priya is no longer messaged
    When Priya unblocks the bot
    Then Priya can be messaged again

  Scenario: Added to a group, the bot says hello there, and nothing when it is removed
    When Tom adds the bot to the group hall
    Then the group hall is told "I talk to each of you in a private chat" exactly once
    And every message to the group hall has a button into the private chat, opening "-"
    When Tom removes the bot from the group hall
    Then the group hall was sent 1 message
