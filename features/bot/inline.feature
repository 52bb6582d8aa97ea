Feature: Inline mode: a neighbor puts a dish's card into any chat with "@NeighborShareBot"

  Scenario: Typing the bot's name offers the neighbor's own open dishes
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 3 portions of "Dal"
    And Tom shared 2 portions of "Soup"
    When Priya types "@NeighborShareBot" in a chat
    Then Priya is offered the card of "Dal" only
    And the card of "Dal" says "3 portions left"
    And the card of "Dal" has a Request button opening the private chat at that dish

  Scenario: Words after the bot's name find open dishes nearby
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 3 portions of "Red lentil dal"
    And Priya shared 1 portions of "Bread"
    When Tom types "@NeighborShareBot lentil" in a chat
    Then Tom is offered the card of "Red lentil dal" only

  Scenario: Someone without a profile is offered nothing
    Given Priya has a profile
    And Priya shared 3 portions of "Dal"
    When Sam types "@NeighborShareBot dal" in a chat
    Then Sam is offered no cards
