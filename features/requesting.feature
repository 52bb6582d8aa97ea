Feature: Requesting portions
  Requesting reserves the portions at once and holds one credit per portion. Nobody can request
  their own dish, more than is left, more than they can pay for, or hold more than 3 open requests.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor
    And Priya shared 3 portions of dal

  Scenario: A request reserves portions and holds credits at once
    When Tom requests 2 portions of dal
    Then Tom's request is pending
    And the dal has 1 portion left
    And Tom has 3 credits
    And Tom's credit history starts with:
      | amount | description        |
      | -2     | Held for a request |
      | +5     | Welcome bonus      |
    And Priya is notified "Tom asked for 2 portions of dal."
    And Priya's last message offers Accept and Decline

  Scenario: Nobody can request their own dish
    When Priya requests 1 portion of dal
    Then Priya is told "That's your own dish – you can't request it."
    And the dal has 3 portions left
    And Priya has 5 credits

  Scenario: Nobody can request more portions than are left
    When Tom requests 4 portions of dal
    Then Tom is told "Only 3 portions left."
    And the dal has 3 portions left
    And Tom has 5 credits

  Scenario: A dish with every portion claimed can't be requested
    Given Ana is a neighbor
    And Ana requested 3 portions of dal
    When Tom requests 1 portion of dal
    Then Tom is told "Sorry, every portion of this dish has been claimed."
    And Tom has 5 credits
    And Tom has 0 open requests

  Scenario: Nobody can request more than their credits cover
    Given Priya shared 10 portions of stew
    When Tom requests 6 portions of stew
    Then Tom is told "That needs 6 credits and you have 5. Share a dish to earn more!"
    And the stew has 10 portions left
    And Tom has 5 credits

  Scenario: A neighbor with no credits left can't request
    Given Tom has 0 credits
    When Tom requests 1 portion of dal
    Then Tom is told "That needs 1 credit and you have 0."
    And the dal has 3 portions left
    And Tom has 0 credits

  Scenario: Nobody holds more than three open requests
    Given Priya shared 2 portions of soup
    And Priya shared 2 portions of bread
    And Priya shared 2 portions of cake
    And Tom requested 1 portion of dal
    And Tom requested 1 portion of soup
    And Tom requested 1 portion of bread
    When Tom requests 1 portion of cake
    Then Tom is told "You already have 3 open requests. Pick one up or cancel one first."
    And the cake has 2 portions left
    And Tom has 2 credits
    And Tom has 3 open requests

  Scenario: A finished exchange frees a place for a new request
    Given Priya shared 2 portions of soup
    And Priya shared 2 portions of bread
    And Priya shared 2 portions of cake
    And Tom picked up 1 portion of dal
    And Tom requested 1 portion of soup
    And Tom requested 1 portion of bread
    When Tom requests 1 portion of cake
    Then Tom's request for cake is pending
    And Tom has 3 open requests
    And Tom has 1 credits

  Scenario: A suspended neighbor cannot request
    Given Tom is suspended
    When Tom requests 1 portion of dal
    Then Tom is told "Your account is paused while a moderator reviews it"
    And the dal has 3 portions left
    And Tom has 5 credits

  Scenario: A banned neighbor cannot request
    Given Tom is banned
    When Tom requests 1 portion of dal
    Then Tom is told "This account has been closed by the moderators."
    And Tom has 5 credits

  Scenario: A dish whose window has passed can't be requested
    When 3 hours pass
    And Tom requests 1 portion of dal
    Then Tom is told "This dish is no longer available."
    And Tom has 5 credits

  Scenario: Neighbors racing for the last portions never overbook a dish
    Given Ana, Ben, Cy, Dee and Eve are neighbors
    When Ana, Ben, Cy, Dee and Eve each request 1 portion of dal at the same time
    Then 2 of them are told "Sorry, every portion of this dish has been claimed."
    And the dal has 0 portions left

  Scenario: A second request for a dish while the first still waits is refused
    Given Tom requested 1 portion of dal
    When Tom requests 1 portion of dal
    Then Tom is told "You already asked for 1 portion of this dish and the sharer hasn't answered yet."
    And the dal has 2 portions left
    And Tom has 4 credits
    And Tom has 1 open requests

  Scenario: Once the sharer answered, the same neighbor may ask again
    Given Tom requested 1 portion of dal
    And Priya accepted Tom's request
    When Tom requests 1 portion of dal
    Then Tom has 2 open requests
    And the dal has 1 portion left
