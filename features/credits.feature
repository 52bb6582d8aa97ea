Feature: Credits
  Credits are an append-only ledger; a balance is the sum of its rows and never goes below zero.
  Sharers earn a credit per portion picked up and a bonus for a 5-star dish; moderators adjust
  with a reason, audited.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor
    And Mo is a moderator
    And Priya shared 3 portions of dal

  Scenario: A whole exchange with a 5-star dish
    Given Tom picked up 2 portions of dal
    When Tom rates Priya 5 stars and the dal 5 stars
    Then Priya has 8 credits
    And Tom has 3 credits
    And Priya's credit history starts with:
      | amount | description        |
      | +1     | 5-star food bonus  |
      | +2     | Thanks for sharing |
      | +5     | Welcome bonus      |

  Scenario: A 4-star dish earns no bonus
    Given Tom picked up 2 portions of dal
    When Tom rates Priya 5 stars and the dal 4 stars
    Then Priya has 7 credits
    And Priya's ledger shows "5-star food bonus" 0 times

  Scenario: A moderator adds credits with a reason, audited
    When Mo adjusts Tom's credits by +3 because "refund for spoiled food"
    Then Tom has 8 credits
    And the audit log records Mo "adjust-credits" on Tom because "refund for spoiled food"
    And Tom is notified "A moderator adjusted your credits by +3: refund for spoiled food"

  Scenario: An adjustment needs a reason
    When Mo adjusts Tom's credits by +3 because ""
    Then Mo is told "Please give a reason."
    And Tom has 5 credits

  Scenario: An adjustment can't take a balance below zero
    When Mo adjusts Tom's credits by -6 because "duplicate account"
    Then Mo is told "The balance is 5, so it can't go down by 6 credits"
    And Tom has 5 credits

  Scenario: A neighbor can't adjust credits
    When Tom adjusts Tom's credits by +50 because "I deserve it"
    Then Tom is told "Only moderators can do that."
    And Tom has 5 credits

  Scenario: A moderator can't adjust their own credits
    When Mo adjusts Mo's credits by +5 because "bonus"
    Then Mo is told "You can't take moderator action on your own account."
    And Mo has 5 credits
