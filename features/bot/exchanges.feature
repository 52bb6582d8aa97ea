Feature: Browsing, requesting and picking up through the bot

  Background:
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 3 portions of "Red lentil dal"

  Scenario: Tom browses, requests, is accepted and picks up
    When Tom sends "/browse"
    Then Tom is told "Red lentil dal"
    And Tom is told "shared by Priya"
    And Tom sees the buttons "Request, Report"
    When Tom taps "Request"
    Then Tom sees the buttons "1, 2, 3"
    When Tom taps "2"
    Then Tom is told "You asked Priya for 2 portions"
    And Tom is told "balance now 3"
    And Priya is told "Tom asked for 2 portions of Red lentil dal"
    When Priya taps "Accept"
    Then Tom is told "Pick up at apartment 12"
    When Tom taps "Picked up"
    Then Tom is told "How did it go?"
    And Priya is told "How did it go?"
    And Priya has 7 credits
    And Tom has 3 credits

  Scenario: Priya cannot request her own dish and does not see it
    When Priya sends "/browse"
    Then Priya is told "Nothing to pick up nearby right now"
    When Priya sends "/request 1 1"
    Then Priya is told "That's your own dish"

  Scenario: Declining returns the credits
    Given Tom asked for 2 portions of "Red lentil dal"
    When Priya taps "Decline"
    Then Tom is told "was declined. Your credits are back"
    And Tom has 5 credits

  Scenario: Tom cancels from /mine
    Given Tom asked for 1 portions of "Red lentil dal"
    When Tom sends "/mine"
    Then Tom is told "You asked Priya for 1 portion of Red lentil dal"
    And Tom sees the buttons "Cancel request"
    When Tom taps "Cancel request"
    Then Tom is told "cancelled"
    And Priya is told "cancelled their request"
    And Tom has 5 credits

  Scenario: Once Tom cancels, Priya's Accept and Decline are taken back
    Given Tom asked for 1 portions of "Red lentil dal"
    When Tom sends "/mine"
    And Tom taps "Cancel request"
    Then Priya is told "cancelled their request"
    And Priya is told "The neighbor cancelled this request: nothing to answer."
    And Priya no longer sees the buttons "Accept, Decline" anywhere

  Scenario: Once Tom confirms the pickup, Priya's Picked up and No-show are taken back
    Given Tom asked for 2 portions of "Red lentil dal"
    And Priya accepted
    When 2 hours pass
    Then Priya is told "Did the pickup of Red lentil dal happen?"
    When Tom taps "Picked up"
    Then Priya is told "The neighbor confirmed the pickup: nothing to answer."
    And Priya no longer sees the buttons "No-show" anywhere

  Scenario: Once Priya confirms the pickup, Tom's Picked up is taken back
    Given Tom asked for 2 portions of "Red lentil dal"
    And Priya accepted
    When 2 hours pass
    Then Tom is told "Did the pickup of Red lentil dal happen?"
    When Priya taps "Picked up"
    Then Tom is told "The sharer confirmed the pickup: nothing to answer."
    And Tom no longer sees the buttons "Picked up" anywhere

  Scenario: Once Priya cancels an accepted exchange, Tom's Picked up is taken back
    Given Tom asked for 2 portions of "Red lentil dal"
    And Priya accepted
    When Priya sends "/mine"
    And Priya taps "Cancel"
    Then Tom is told "cancelled by the sharer"
    And Tom is told "The sharer cancelled this exchange: nothing to answer."
    And Tom no longer sees the buttons "Picked up" anywhere

  Scenario: Once Priya marks a no-show, Tom's Picked up is taken back
    Given Tom asked for 2 portions of "Red lentil dal"
    And Priya accepted
    When 2 hours pass
    And Priya taps "No-show"
    Then Tom is told "The sharer marked this pickup as a no-show: nothing to answer."
    And Tom no longer sees the buttons "Picked up" anywhere

  Scenario: An exchange nobody answered completes by itself, and both sides' buttons go
    Given Tom asked for 2 portions of "Red lentil dal"
    And Priya accepted
    When 2 hours pass
    Then Priya is told "Did the pickup of Red lentil dal happen?"
    When 25 hours pass
    Then Priya is told "How did it go?"
    And Priya is told "so the exchange completed by itself: nothing to answer."
    And Tom is told "so the exchange completed by itself: nothing to answer."
    And Priya no longer sees the buttons "Picked up, No-show" anywhere
    And Tom no longer sees the buttons "Picked up" anywhere

  Scenario: The sharer marks a no-show once the window has begun
    Given Tom asked for 2 portions of "Red lentil dal"
    And Priya accepted
    When Priya sends "/mine"
    Then Priya sees the buttons "Picked up, Cancel, No-show"
    When Priya taps "No-show"
    Then Tom is told "marked your pickup of Red lentil dal as a no-show"
    And Tom has 3 credits

  Scenario: More portions than are left are refused
    Given Sam has a profile
    And Sam asked for 2 portions of "Red lentil dal"
    When Tom sends "/request 1 2"
    Then Tom is told "Only 1 portion left"

  Scenario: Dishes that conflict with an allergy are hidden until asked for
    Given Sam has a profile and is allergic to Mustard
    And Priya shared 2 portions of "Mustard greens" containing Mustard
    When Sam sends "/browse"
    Then Sam is told "Red lentil dal"
    And Sam is not told "Mustard greens"
    When Sam taps "Show all dishes"
    Then Sam is told "Mustard greens"

  Scenario: Show all dishes marks a dish that doesn't fit, and asks before it is requested
    Given Sam has a profile and is allergic to Mustard
    And Priya shared 2 portions of "Mustard greens" containing Mustard
    When Sam sends "/browse"
    And Sam taps "Show all dishes"
    Then Sam is told "Mustard greens"
    And Sam is told "⚠️ Doesn't fit your diet or allergies." exactly once
    When Sam taps Request on the card of "Mustard greens"
    Then Sam is told "Mustard greens doesn't fit your diet or allergies. Request it anyway?"
    And Sam is not told "How many portions"
    When Sam taps "Request anyway"
    Then Sam is offered the portions "1, 2"
    When Sam taps "1"
    Then Sam is told "You asked Priya for 1 portion of Mustard greens"

  Scenario: Browsing pages five dishes at a time
    Given Priya shared 1 portions of "Dish two"
    And Priya shared 1 portions of "Dish three"
    And Priya shared 1 portions of "Dish four"
    And Priya shared 1 portions of "Dish five"
    And Priya shared 1 portions of "Dish six"
    When Tom sends "/browse"
    Then Tom sees the buttons "More"
    When Tom taps "More"
    Then Tom is told "Page 2"

  Scenario: /mine lists my posts with what is left
    When Priya sends "/mine"
    Then Priya is told "Your posts"
    And Priya is told "Red lentil dal – active, 3/3 left"

  Scenario: The portion buttons offer only what Tom can pay for
    Given Priya shared 4 portions of "Soup"
    And Tom asked for 3 portions of "Soup"
    When Tom asks for "Red lentil dal"
    Then Tom is offered the portions "1, 2"
    And Tom is told "You have 2 credits: enough for 2 portions."

  Scenario: Tom, with no credits left, is told so before choosing portions
    Given Priya shared 5 portions of "Soup"
    And Tom asked for 5 portions of "Soup"
    When Tom asks for "Red lentil dal"
    Then Tom is told "That needs 1 credit and you have 0"
    And Tom is not told "How many portions"
