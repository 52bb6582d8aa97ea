Feature: Picking up
  Either side confirms the handover and the sharer earns a credit per portion. The sharer can
  mark a no-show (the hold is not returned) until the exchange completes by itself, 24 hours
  after the window ends. Once the window is over the requester can no longer cancel an
  accepted exchange (the food may have changed hands): it ends by a confirmation, the sharer's
  no-show or cancel, or by itself. A requester who got nothing can /report it.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor
    And Priya shared 3 portions of dal for pickup "6-7pm today"
    And Tom requested 2 portions of dal
    And Priya accepted Tom's request

  Scenario: The requester confirms the pickup and the sharer is paid
    When Tom confirms the pickup
    Then Tom's request is completed
    And Priya has 7 credits
    And Tom has 3 credits
    And the dal has 1 portion left
    And Priya's credit history starts with:
      | amount | description        |
      | +2     | Thanks for sharing |
      | +5     | Welcome bonus      |
    And Tom is notified "The exchange for dal is complete. How did it go?"
    And Priya is notified "The exchange for dal is complete. How did it go?"

  Scenario: The sharer confirms the pickup
    When Priya confirms Tom's pickup
    Then Tom's request is completed
    And Priya has 7 credits

  Scenario: Confirming twice pays only once
    Given Tom confirmed the pickup
    When Priya confirms Tom's pickup
    Then Priya is told "This exchange can't be marked as picked up."
    And Priya has 7 credits
    And Priya's ledger shows "Thanks for sharing" 1 times

  Scenario: A pending request can't be confirmed as picked up
    Given Ana is a neighbor
    And Ana requested 1 portion of dal
    When Ana confirms the pickup
    Then Ana is told "This exchange can't be marked as picked up."
    And Ana's request is pending
    And Priya has 5 credits

  Scenario: A stranger can't confirm someone's pickup
    Given Ana is a neighbor
    When Ana confirms Tom's pickup
    Then Ana is told "That exchange isn't yours."
    And Tom's request is accepted

  Scenario: Both sides are reminded 15 minutes before the window
    When the clock reaches 17:50
    Then Tom is notified "Reminder: pickup of dal is Mon 18:00–19:00, at apartment 4B."
    And Priya is notified "Reminder: pickup of dal is Mon 18:00–19:00."
    And Priya is not notified "4B"

  Scenario: A no-show keeps the requester's hold
    When the clock reaches 18:30
    And Priya marks Tom as a no-show
    Then Tom's request is no-show
    And Tom has 3 credits
    And Priya has 5 credits
    And the dal has 1 portion left
    And Tom is notified "The sharer marked your pickup of dal as a no-show, so the credits were not returned."

  Scenario: A no-show can't be marked before the window begins
    When Priya marks Tom as a no-show
    Then Priya is told "You can mark a no-show once the pickup window has begun."
    And Tom's request is accepted

  Scenario: Only the sharer can mark a no-show
    When the clock reaches 18:30
    And Tom marks Tom as a no-show
    Then Tom is told "Only the neighbor who shared the dish can mark this as a no-show."
    And Tom's request is accepted

  Scenario: At the window's end both sides are asked whether the pickup happened
    When the clock reaches 19:00
    Then Tom is notified "Did the pickup of dal happen?"
    And Priya is notified "Did the pickup of dal happen?"
    And Tom's request is accepted

  Scenario: An undisputed exchange completes by itself 24 hours after the window
    When the clock reaches 19:00
    And 23 hours pass
    Then Tom's request is accepted
    When 1 hour passes
    Then Tom's request is completed
    And Priya has 7 credits
    And Tom has 3 credits

  Scenario: The sharer can still mark a no-show the next day
    When the clock reaches 19:00
    And 23 hours pass
    And Priya marks Tom as a no-show
    Then Tom's request is no-show
    When 2 hours pass
    Then Tom's request is no-show
    And Priya has 5 credits

  Scenario: After completing by itself a no-show can no longer be marked
    When 2 days pass
    And Priya marks Tom as a no-show
    Then Priya is told "This exchange can't be marked as a no-show."
    And Tom's request is completed
    And Priya has 7 credits

  Scenario: A completed exchange can't be cancelled
    Given Tom confirmed the pickup
    When Tom cancels his request
    Then Tom is told "This exchange can't be cancelled any more."
    And Tom has 3 credits

  Scenario: The requester can cancel an accepted exchange until the window ends
    When the clock reaches 18:30
    And Tom cancels his request
    Then Tom's request is cancelled
    And Tom has 5 credits

  Scenario: After the window the requester can't cancel and take the hold back
    When the clock reaches 19:00
    And Tom cancels his request
    Then Tom is told "The pickup window is over, so this can't be cancelled any more."
    And Tom's request is accepted
    And Tom has 3 credits
    When 1 day passes
    Then Tom's request is completed
    And Priya has 7 credits

  Scenario: After the window the sharer may still cancel and return the hold
    When the clock reaches 20:00
    And Priya cancels Tom's request
    Then Tom's request is cancelled
    And Tom has 5 credits
    And Priya has 5 credits
