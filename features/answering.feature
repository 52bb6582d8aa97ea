Feature: Answering a request
  The sharer accepts or declines; accepting reveals the apartment and window to that requester
  only. Either side may cancel while the exchange is pending or accepted; holds come back.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor
    And Ana is a neighbor
    And Priya shared 3 portions of dal for pickup "6-7pm today"
    And Tom requested 2 portions of dal

  Scenario: Accepting reveals the apartment to the accepted requester only
    Given Ana requested 1 portion of dal
    When Priya accepts Tom's request
    Then Tom's request is accepted
    And Tom is notified "Priya accepted your request for dal."
    And Tom is notified "Pick up at apartment 4B, Mon 18:00–19:00."
    And Tom can see Priya's apartment "4B" in Tom's request
    And Ana cannot see Priya's apartment in Ana's request
    And Ana is not notified "4B"

  Scenario: Someone else can't open the exchange to learn the apartment
    Given Priya accepted Tom's request
    When Ana opens Tom's request
    Then Ana is told "That exchange isn't yours."
    And Tom's request is accepted
    And Ana is not notified "4B"

  Scenario: Only the sharer can accept
    When Ana accepts Tom's request
    Then Ana is told "That exchange isn't yours."
    And Tom's request is pending
    And Tom cannot see Priya's apartment in Tom's request

  Scenario: The requester can't accept their own request
    When Tom accepts Tom's request
    Then Tom is told "Only the neighbor who shared the dish can accept this."
    And Tom's request is pending

  Scenario: Declining returns the portions and the credits
    When Priya declines Tom's request
    Then Tom's request is declined
    And the dal has 3 portions left
    And Tom has 5 credits
    And Tom's credit history starts with:
      | amount | description        |
      | +2     | Hold returned      |
      | -2     | Held for a request |
    And Tom is notified "Sorry, your request for dal was declined. Your credits are back."

  Scenario: A declined request can't be accepted afterwards
    Given Priya declined Tom's request
    When Priya accepts Tom's request
    Then Priya is told "This request can't be accepted any more."
    And Tom's request is declined
    And Tom has 5 credits

  Scenario: The requester cancels a pending request
    When Tom cancels his request
    Then Tom's request is cancelled
    And the dal has 3 portions left
    And Tom has 5 credits
    And Priya is notified "A neighbor cancelled their request for dal. The portions are free again."

  Scenario: The sharer cancels an accepted exchange
    Given Priya accepted Tom's request
    When Priya cancels Tom's request
    Then Tom's request is cancelled
    And the dal has 3 portions left
    And Tom has 5 credits
    And Tom is notified "The exchange for dal was cancelled by the sharer. Your credits are back."

  Scenario: A stranger can't cancel someone's request
    When Ana cancels Tom's request
    Then Ana is told "That exchange isn't yours."
    And Tom's request is pending
    And Tom has 3 credits

  Scenario: Cancelling twice returns the hold only once
    Given Tom cancelled his request
    When Tom cancels his request
    Then Tom is told "This exchange can't be cancelled any more."
    And Tom has 5 credits
    And Tom's ledger shows "Hold returned" 1 times
