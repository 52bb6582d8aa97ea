Feature: Withdrawing and correcting a dish from /mine

  Background:
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 3 portions of "Red lentil dal"

  Scenario: /mine offers Edit and Withdraw under a dish still offered
    When Priya sends "/mine"
    Then Priya is told "Your posts"
    And Priya is told "Red lentil dal – active, 3/3 left"
    And Priya sees the buttons "Edit, Withdraw"

  Scenario: Withdrawing asks first, and keeping the dish changes nothing
    When Priya sends "/mine"
    And Priya taps "Withdraw"
    Then Priya is told "Withdraw Red lentil dal? Nobody has asked for it yet."
    And Priya sees the buttons "Withdraw now, Keep it"
    When Priya taps "Keep it"
    Then Priya is told "Red lentil dal – active, 3/3 left"
    When Tom sends "/browse"
    Then Tom is told "Red lentil dal"

  Scenario: Withdrawing cancels the open requests, refunds and tells the requester
    Given Tom asked for 2 portions of "Red lentil dal"
    When Priya sends "/mine"
    And Priya taps "Withdraw"
    Then Priya is told "1 open request will be cancelled and the neighbor gets the credits back."
    When Priya taps "Withdraw now"
    Then Priya is told "Red lentil dal is withdrawn"
    And Priya is told "1 request was cancelled and refunded"
    And Tom is told "Sorry, the sharer withdrew Red lentil dal, so your request was cancelled."
    And Tom has 5 credits
    When Tom sends "/browse"
    Then Tom is told "Nothing to pick up nearby right now"
    When Tom sends "/request 1 1"
    Then Tom is told "This dish is no longer available."
    When Tom taps "Request"
    Then Tom is told "This dish is no longer available."
    When Priya sends "/mine"
    Then Priya is told "Red lentil dal – withdrawn, 3/3 left"
    And Priya does not see the button "Edit"

  Scenario: Withdrawing takes back the Accept and Decline of the requests it cancelled
    Given Tom asked for 1 portions of "Red lentil dal"
    When Priya sends "/mine"
    And Priya taps "Withdraw"
    And Priya taps "Withdraw now"
    Then Priya is told "The dish was withdrawn: nothing to answer."
    And Priya sees no buttons under "Tom asked for 1 portion of Red lentil dal."

  Scenario: The name is corrected and neighbors browse the new one
    When Priya sends "/mine"
    And Priya taps "Edit"
    Then Priya sees the buttons "Name, Description, Portions, Pickup window, Allergens, Diet"
    When Priya taps "Name"
    And Priya sends "Dal tadka"
    Then Priya is told "Saved."
    And Priya is told "Dal tadka"
    When Priya taps "Description"
    And Priya sends "Mild, with coriander"
    Then Priya is told "Saved."
    And Priya is told "Mild, with coriander"
    When Priya taps "Done"
    Then Priya is told "All set."
    When Tom sends "/browse"
    Then Tom is told "Dal tadka"

  Scenario: Portions cannot go below what neighbors hold
    Given Tom asked for 2 portions of "Red lentil dal"
    When Priya sends "/mine"
    And Priya taps "Edit"
    And Priya taps "Portions"
    Then Priya is told "Neighbors already hold 2 portions"
    When Priya sends "lots"
    Then Priya is told "Please choose a number of portions from 1 to 20."
    When Priya sends "1"
    Then Priya is told "Neighbors already hold 2 portions of this dish, so it can't have fewer."
    When Priya sends "5"
    Then Priya is told "Saved."
    And Priya is told "3 portions left"

  Scenario: The pickup window moves later, not earlier, and the neighbor holding portions is told
    Given Tom asked for 1 portions of "Red lentil dal"
    When Priya sends "/mine"
    And Priya taps "Edit"
    And Priya taps "Pickup window"
    And Priya sends "9-11am today"
    Then Priya is told "The pickup window can only move later"
    When Priya sends "tomorrow 12-2pm"
    Then Priya is told "Saved."
    And Priya is told "tomorrow"
    And Tom is told "The pickup of Red lentil dal moved to Tue 12:00–14:00."
    And Tom sees the buttons "Cancel with refund"

  Scenario: An allergen change tells the neighbor holding portions, who cancels with a refund
    Given Tom asked for 1 portions of "Red lentil dal"
    When Priya sends "/mine"
    And Priya taps "Edit"
    And Priya taps "Allergens"
    And Priya sends "peanuts"
    Then Priya is told "Please tap the allergens it contains, then Done."
    When Priya taps "Peanuts"
    And Priya taps "Done"
    Then Priya is told "Saved."
    And Tom is told "The sharer changed what Red lentil dal contains."
    And Tom is told "Allergens: peanuts"
    When Tom taps "Cancel with refund"
    Then Priya is told "cancelled their request"
    And Tom has 5 credits

  Scenario: The dish's card in a chat shows the correction
    Given Priya posted the card of "Red lentil dal" into the group hall
    When Priya sends "/mine"
    And Priya taps "Edit"
    And Priya taps "Name"
    And Priya sends "Dal tadka"
    And Priya taps "Portions"
    And Priya sends "5"
    Then the card in the group hall says "Dal tadka"
    And the card in the group hall says "5 portions left"

  Scenario: A name typed with HTML in it is shown as typed, to the sharer and to the holders
    Given Tom asked for 1 portions of "Red lentil dal"
    When Priya sends "/mine"
    And Priya taps "Edit"
    And Priya taps "Name"
    And Priya sends "Dal <i>&</i> rice"
    Then Priya is told "Dal <i>&</i> rice"
    When Priya taps "Diet"
    And Priya taps "Vegan"
    And Priya taps "Done"
    Then Tom is told "The sharer changed what Dal <i>&</i> rice contains."
    When Priya sends "/mine"
    And Priya taps "Withdraw"
    Then Priya is told "Withdraw Dal <i>&</i> rice?"
    When Priya taps "Withdraw now"
    Then Priya is told "Dal <i>&</i> rice is withdrawn"
    And Tom is told "the sharer withdrew Dal <i>&</i> rice"
