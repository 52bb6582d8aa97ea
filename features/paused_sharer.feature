Feature: A paused sharer's dishes step back
  When a sharer is suspended or banned, their dishes leave /browse, new-dish alerts and the
  digests at once; their pending requests are declined with the holds returned; an accepted
  exchange goes on to its pickup (or no-show), its requester told. When the suspension ends,
  by a moderator or by itself, the dishes still within their window come back.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor
    And Ana is a neighbor
    And Mo is a moderator
    And Priya shared 4 portions of dal

  Scenario: A suspended sharer's dish leaves browse and can't be requested
    When Mo suspends Priya for 3 days because "spam"
    And Tom browses
    Then Tom sees nothing
    When Tom requests 1 portion of dal
    Then Tom is told "This dish is no longer available."
    And Tom has 5 credits

  Scenario: Pending requests are declined with refunds, an accepted one goes on
    Given Tom requested 1 portion of dal
    And Ana requested 2 portions of dal
    And Priya accepted Ana's request
    When Mo suspends Priya for 3 days because "spam"
    Then Tom's request is declined
    And Tom has 5 credits
    And Tom is notified "Sorry, dal is no longer offered, so your request was declined."
    And Ana's request is accepted
    And Ana is notified "your accepted pickup still stands"
    When Ana confirms her pickup
    Then Ana's request is completed
    And Priya has 7 credits

  Scenario: A sharer suspended by three reports steps back at once
    Given Ben is a neighbor
    And Cy is a neighbor
    And Tom requested 1 portion of dal
    When Ana reports Priya for spam
    And Ben reports Priya for spam
    And Cy reports Priya for spam
    Then Priya is suspended for 30 days
    And Tom's request is declined
    And Tom has 5 credits
    When Tom browses
    Then Tom sees nothing

  Scenario: Lifting the suspension brings back the dishes still in their window
    Given Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    When Mo suspends Priya because "checking a complaint"
    And Tom browses
    Then Tom sees nothing
    When 3 hours pass
    And Mo lifts the suspension of Priya because "complaint unfounded"
    And Tom browses
    Then Tom sees soup
    And the dal is expired

  Scenario: A suspension that runs out brings the dish back by itself
    Given Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    When Mo suspends Priya for 1 days because "cooling off"
    And 25 hours pass
    And Tom browses
    Then Tom sees soup

  Scenario: A banned sharer's dish leaves the morning digest
    Given it is 23:00 in the neighborhood
    And Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    When Mo bans Priya because "fake listings"
    And 9 hours pass
    And the morning digest goes out
    Then Tom is not notified "Good morning!"
