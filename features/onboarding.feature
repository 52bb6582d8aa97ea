Feature: Joining the neighborhood
  A neighbor sets up a profile once and gets welcome credits, once per phone number, ever.

  Scenario: A new neighbor gets five welcome credits
    When Ana signs up with phone "+447700900555"
    Then Ana got 5 welcome credits
    And Ana has 5 credits
    And Ana's credit history starts with:
      | amount | description   |
      | +5     | Welcome bonus |

  Scenario: Running /start again edits the profile without a second bonus
    Given Ana signs up with phone "+447700900555"
    When Ana signs up with phone "+447700900555"
    Then Ana got 0 welcome credits
    And Ana has 5 credits
    And Ana's ledger shows "Welcome bonus" 1 times

  Scenario: The welcome bonus is once per phone number, ever
    Given Ana signs up with phone "+447700900555"
    And Ana signs up with phone "+447700900666"
    When Bea signs up with phone "+447700900555"
    Then Bea got 0 welcome credits
    And Bea has 0 credits
    And Ana has 5 credits

  Scenario: A phone number belongs to one neighbor at a time
    Given Ana signs up with phone "+447700900555"
    When Bea signs up with phone "07700 900555"
    Then Bea is told "That phone number already belongs to another neighbor."
    And Bea is not registered
    And Ana has 5 credits

  Scenario: Someone outside the service area is turned away politely
    When Zed signs up with phone "+447700900777" 30 km north
    Then Zed is told "Sorry, NeighborShare isn't in your area yet."
    And Zed is not registered

  Scenario: Only your own contact verifies your phone
    Given Ana is a neighbor
    When Bea shares Ana's contact card
    Then Bea is told "Please share your own contact with the button below."
    And Bea is not registered

  Scenario: A typed number is checked before a code is sent
    When Bea types the phone number "12"
    Then Bea is told "That doesn't look like a phone number."
    And no code was texted to Bea

  Scenario: A typed number is verified with a texted code
    When Bea types the phone number "07700 900888"
    Then a code was texted to Bea at "+447700900888"
    When Bea enters the code "000000000"
    Then Bea is told "That code didn't match. Please check it and try again."
    When Bea enters the code she was texted
    Then Bea's number is verified
