Feature: A dish's card in a chat stays true: portions left, all taken, no longer offered

  Background:
    Given Priya has a profile
    And Tom has a profile
    And Sam has a profile
    And Priya shared 3 portions of "Dal"
    And Priya posted the card of "Dal" into the group hall

  Scenario: A request changes the portions the card shows; after the last one it is all taken
    Then the card in the group hall says "3 portions left"
    When Tom asks for 2 portions of "Dal"
    Then the card in the group hall says "1 portion left"
    And the card in the group hall has a Request button
    When Sam asks for 1 portions of "Dal"
    Then the card in the group hall says "All taken, thank you!"
    And the card in the group hall has no button

  Scenario: A declined request gives its portions back on the card
    Given Tom asked for 3 portions of "Dal"
    And Priya declined
    Then the card in the group hall says "3 portions left"
    And the card in the group hall has a Request button

  Scenario: When the pickup window is over, the card says the dish is no longer offered
    When 3 hours pass
    Then the card in the group hall says "No longer offered."
    And the card in the group hall has no button

  Scenario: A dish its sharer withdrew is no longer offered on the card
    When Priya sends "/mine"
    And Priya taps "Withdraw"
    And Priya taps "Withdraw now"
    Then the card in the group hall says "No longer offered."
    And the card in the group hall has no button

  Scenario: A suspended sharer's card offers nothing, until the suspension is lifted
    When a moderator suspends Priya
    Then the card in the group hall says "This dish is no longer offered."
    And the card in the group hall has no button
    When a moderator lifts Priya's suspension
    Then the card in the group hall says "3 portions left"
    And the card in the group hall has a Request button

  Scenario: A dish a moderator hid disappears from the card
    When a moderator hides "Dal"
    Then the card in the group hall says "This dish is no longer offered."
    And the card in the group hall does not say "Dal"

  Scenario: A card deleted from the chat is forgotten, and nothing fails
    When the card in the group hall is deleted
    And Tom asks for 1 portions of "Dal"
    Then the bot keeps no card of "Dal"
    And every edit of the cards of Priya's dishes was sent or let go
