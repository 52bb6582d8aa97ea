Feature: Digests
  The morning digest lists the dishes nearby a neighbor hasn't heard of: none they were alerted
  to, none they asked for. The weekly digest tells what a neighbor did last week and what the
  community did, counting the 5-star food bonus among the credits earned, and leaves out what
  nobody did: a week of nothing sends no digest at all.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor

  Scenario: The morning digest leaves out a dish already alerted
    Given Priya shared 3 portions of dal for pickup "tomorrow 12-1pm"
    And Tom was alerted to dal
    And it is 23:00 in the neighborhood
    And Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    When 9 hours pass
    And the morning digest goes out
    Then Tom is notified "Good morning! 1 dish near you today:"
    And Tom is notified "soup (~100 m), 2 portions"
    And Tom is not notified "dal (~100 m)"

  Scenario: The morning digest leaves out a dish the neighbor asked for
    Given it is 23:00 in the neighborhood
    And Priya shared 3 portions of dal for pickup "tomorrow 12-1pm"
    And Priya shared 2 portions of soup for pickup "tomorrow 12-1pm"
    And Tom requested 1 portion of dal
    When 9 hours pass
    And the morning digest goes out
    Then Tom is notified "Good morning! 1 dish near you today:"
    And Tom is not notified "dal (~100 m)"

  Scenario: A week nobody shared anything sends no weekly digest
    When the weekly digest goes out next Monday
    Then Tom is not notified "Your week"
    And Priya is not notified "Your week"

  Scenario: The weekly digest leaves out what a neighbor didn't do
    Given Priya shared 3 portions of dal
    And Tom picked up 2 portions of dal
    When the weekly digest goes out next Monday
    Then Priya is notified "You shared 2 portions with 1 neighbor."
    And Priya is notified "You earned 2 credits."
    And Priya is not notified "You received"
    And Tom is notified "You received 2 portions."
    And Tom is not notified "You shared"
    And Tom is not notified "You earned"
    And Tom is notified "Together, neighbors shared 2 portions in 1 exchange, helping 1 neighbor."

  Scenario: The weekly digest counts the 5-star food bonus
    Given Priya shared 3 portions of dal
    And Tom picked up 2 portions of dal
    And Tom rated Priya 5 stars and the dal 5 stars
    When the weekly digest goes out next Monday
    Then Priya is notified "You earned 3 credits."
    And Priya has 8 credits
