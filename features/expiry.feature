Feature: Expiry
  A request not answered by the end of the window expires and its hold comes back; a dish past
  its window expires with its pending requests. Sweeps are safe to run again.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor
    And Ana is a neighbor
    And Priya shared 3 portions of dal for pickup "6-7pm today"

  Scenario: A request nobody answered expires and its credits come back
    Given Tom requested 2 portions of dal
    When the clock reaches 19:00
    Then Tom's request is expired
    And Tom has 5 credits
    And Tom's credit history starts with:
      | amount | description        |
      | +2     | Hold returned      |
      | -2     | Held for a request |
    And Tom is notified "Your request for dal wasn't answered in time. Your credits are back."
    And the dal is expired
    And Priya is notified "Your post dal has expired. Thanks for sharing!"

  Scenario: Nothing expires before the window ends
    Given Tom requested 2 portions of dal
    When the clock reaches 18:59
    Then Tom's request is pending
    And the dal is active
    And Tom has 3 credits

  Scenario: Accepted exchanges outlive the dish's window
    Given Tom requested 2 portions of dal
    And Ana requested 1 portion of dal
    And Priya accepted Tom's request
    When the clock reaches 19:00
    Then Ana's request is expired
    And Tom's request is accepted
    And the dal is expired
    And the dal has 1 portion left
    And Ana has 5 credits
    And Tom has 3 credits

  Scenario: Running the sweeps again changes nothing more
    Given Tom requested 2 portions of dal
    When the clock reaches 19:00
    And 1 hour passes
    And 1 day passes
    Then Tom has 5 credits
    And Tom's ledger shows "Hold returned" 1 times
    And Tom is notified "wasn't answered in time" 1 times
    And Priya is notified "Your post dal has expired" 1 times

  Scenario: An expired request can't be accepted any more
    Given Tom requested 2 portions of dal
    When the clock reaches 19:00
    And Priya accepts Tom's request
    Then Priya is told "The pickup window has passed, so this can't be accepted."
    And Tom's request is expired
    And Tom has 5 credits
