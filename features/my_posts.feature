Feature: A sharer withdraws or corrects a dish
  From /mine a sharer can withdraw a dish that is still offered: every open request (pending
  or accepted) is cancelled, its hold returned, and its requester told; the dish leaves
  /browse, alerts and digests, and cannot be requested. A sharer can also correct a dish:
  its name and description, its portions up or down but never below what neighbors already
  hold, its pickup window only later, and its allergens and diet tags. A change of allergens
  or diet tags tells every neighbor holding portions, who may cancel with a refund.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor
    And Ana is a neighbor
    And Priya shared 4 portions of dal

  Scenario: Withdrawing cancels the open requests with refunds and tells each requester
    Given Ben is a neighbor
    And Ben picked up 1 portion of dal
    And Tom requested 1 portion of dal
    And Ana requested 2 portions of dal
    And Priya accepted Ana's request
    When Priya withdraws the dal
    Then the dal is withdrawn
    And Tom's request is cancelled
    And Ana's request is cancelled
    And Ben's request is completed
    And Tom has 5 credits
    And Ana has 5 credits
    And Tom is notified "Sorry, the sharer withdrew dal, so your request was cancelled."
    And Ana is notified "Your credits are back."
    And Ben is not notified "withdrew"
    And Priya has 6 credits

  Scenario: A withdrawn dish leaves browse and cannot be requested
    When Priya withdraws the dal
    And Tom browses
    Then Tom sees nothing
    When Tom requests 1 portion of dal
    Then Tom is told "This dish is no longer available."
    And Tom has 5 credits

  Scenario: A dish withdrawn before its alerts go out alerts nobody
    When Priya shares 2 portions of soup
    And Priya withdraws the soup
    Then Tom gets no new-post alerts about soup

  Scenario: A dish withdrawn while its alerts wait to be sent alerts nobody
    When Priya shares 2 portions of soup
    And the alerts about it are queued
    And Priya withdraws the soup
    Then Tom gets no new-post alerts about soup

  Scenario: A withdrawn dish leaves the morning digest
    Given it is 23:00 in the neighborhood
    And Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    When Priya withdraws the soup
    And 9 hours pass
    And the morning digest goes out
    Then Tom is not notified "Good morning!"

  Scenario: A withdrawn dish stays withdrawn when a moderator hides and restores it
    Given Mo is a moderator
    When Priya withdraws the dal
    And Mo hides the dal because "checking a complaint"
    And Mo restores the dal because "complaint unfounded"
    Then the dal is withdrawn
    When Tom browses
    Then Tom sees nothing

  Scenario: Only the sharer withdraws, and only a dish still offered
    When Tom withdraws the dal
    Then Tom is told "That dish isn't yours."
    And the dal is active
    When 3 hours pass
    And Priya withdraws the dal
    Then Priya is told "This dish is no longer offered, so it can't be changed."
    And the dal is expired

  Scenario: The name and the description are corrected
    When Priya renames the dal to "Red lentil dal"
    And Priya describes the dal as "Mild, with coriander"
    And Tom browses
    Then Tom sees Red lentil dal
    And the dal is described as "Mild, with coriander"

  Scenario: Portions go up or down, but never below what neighbors hold
    Given Tom requested 2 portions of dal
    When Priya changes the dal's portions to 6
    Then the dal has 4 portions left
    When Priya changes the dal's portions to 2
    Then the dal has 0 portions left
    When Priya changes the dal's portions to 1
    Then Priya is told "Neighbors already hold 2 portions of this dish, so it can't have fewer."
    And the dal has 0 portions left
    When Priya changes the dal's portions to 21
    Then Priya is told "Please choose 1 to 20 portions."

  Scenario: The pickup window moves later, never earlier
    Given Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    When Priya moves the soup's pickup to "tomorrow 12-3pm"
    Then the soup's pickup is "tomorrow 12-3pm"
    When Priya moves the soup's pickup to "tomorrow 11am-3pm"
    Then Priya is told "The pickup window can only move later"
    And the soup's pickup is "tomorrow 12-3pm"
    When Priya moves the soup's pickup to "tomorrow 12-2pm"
    Then Priya is told "The pickup window can only move later"
    And the soup's pickup is "tomorrow 12-3pm"

  Scenario: A later window tells every neighbor holding portions, who may cancel
    Given Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    And Tom requested 1 portion of soup
    And Ana requested 1 portion of soup
    And Priya accepted Ana's request
    When Priya moves the soup's pickup to "tomorrow 12-3pm"
    Then Tom is notified "The pickup of soup moved to Tue 12:00–15:00."
    And Tom's message "The pickup of soup moved" offers Cancel with refund
    And Ana is notified "If you can't make it, cancel and your credits come back."
    When Ana cancels her request
    Then Ana has 5 credits
    And Tom's request is pending

  Scenario: A pickup moved after its reminder is reminded again before the new window
    Given Priya shared 2 portions of soup for pickup from 10 minutes from now until 2 hours from now
    And Tom requested 1 portion of soup
    And Priya accepted Tom's request
    When 1 minutes pass
    Then Tom is notified "Reminder: pickup of soup" 1 times
    When Priya moves the soup's pickup from 3 hours from now until 5 hours from now
    And 2 hours pass
    Then Tom is notified "Reminder: pickup of soup" 1 times
    When 50 minutes pass
    Then Tom is notified "Reminder: pickup of soup" 2 times

  Scenario: A later window must still end within 48 hours
    When 1 hours pass
    And Priya moves the dal's pickup from 1 hours from now until 49 hours from now
    Then Priya is told "The pickup window must end within 48 hours."

  Scenario: An allergen change tells every neighbor holding portions, who may cancel
    Given Ben is a neighbor
    And Ben picked up 1 portion of dal
    And Tom requested 1 portion of dal
    And Ana requested 1 portion of dal
    And Priya accepted Ana's request
    When Priya changes the dal's allergens to peanuts
    Then Tom is notified "The sharer changed what dal contains."
    And Tom is notified "Allergens: peanuts"
    And Tom's message "changed what dal contains" offers Cancel with refund
    And Ana is notified "If it no longer suits you, cancel and your credits come back."
    And Ben is not notified "changed what"
    When Tom cancels his request
    And Ana cancels her request
    Then Tom has 5 credits
    And Ana has 5 credits
    And the dal has 3 portions left

  Scenario: A diet change tells the holders too, a new name does not
    Given Priya shared 2 portions of stew tagged vegan
    And Tom requested 1 portion of stew
    When Priya renames the stew to "Beef stew"
    Then Tom is not notified "changed what"
    When Priya changes the stew's diet to halal
    Then Tom is notified "Diet: halal"
    And Tom's request is pending

  Scenario: Only the sharer corrects a dish
    When Tom changes the dal's portions to 1
    Then Tom is told "That dish isn't yours."
    And the dal has 4 portions left
