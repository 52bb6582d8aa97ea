Feature: A neighbor's own alert and digest settings
  A new dish alerts a neighbor within their own alert radius (the community's 1 km when they
  chose none; 200 m to 3 km otherwise) and outside their own quiet hours (22:00-08:00 unless
  they chose other hours, or none). Each digest goes only to those who keep it on; turning
  new-dish alerts off leaves the digests as they are. A value out of range changes nothing.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor

  Scenario: A smaller radius leaves a farther dish out
    Given Ravi is a neighbor 600 m north of the centre
    And Ravi set the alert radius to 500 m
    When Priya shares 3 portions of dal
    Then Ravi gets no new-post alerts
    And no alert about dal was queued for Ravi
    And Tom gets a new-post alert about dal

  Scenario: A wider radius brings a farther dish in
    Given Ravi is a neighbor 2500 m north of the centre
    And Ana is a neighbor 1500 m north of the centre
    And Ravi set the alert radius to 3000 m
    When Priya shares 3 portions of dal
    Then Ravi gets a new-post alert about dal
    And Ana gets no new-post alerts

  Scenario: Back to the default radius
    Given Ravi is a neighbor 1500 m north of the centre
    And Ravi set the alert radius to 2000 m
    And Ravi set the alert radius back to the default
    When Priya shares 3 portions of dal
    Then Ravi gets no new-post alerts

  Scenario: Quiet hours that start earlier
    Given Ana is a neighbor
    And Tom chose quiet hours from 21:00 to 07:00
    And it is 21:30 in the neighborhood
    When Priya shares 3 portions of dal
    Then Tom gets no new-post alerts
    And Ana gets a new-post alert about dal

  Scenario: Quiet hours that end earlier
    Given Ana is a neighbor
    And Tom chose quiet hours from 23:00 to 07:00
    And it is 07:30 in the neighborhood
    When Priya shares 3 portions of dal
    Then Tom gets a new-post alert about dal
    And Ana gets no new-post alerts

  Scenario: No quiet hours at all
    Given Ana is a neighbor
    And Tom turned quiet hours off
    And it is 23:00 in the neighborhood
    When Priya shares 3 portions of dal
    Then Tom gets a new-post alert about dal
    And Ana gets no new-post alerts

  Scenario: The morning digest only for those who keep it on
    Given Ana is a neighbor
    And Tom turned off the daily digest
    And it is 23:00 in the neighborhood
    When Priya shares 3 portions of dal for pickup "tomorrow 12-1pm"
    And 9 hours pass
    And the morning digest goes out
    Then Ana is notified "Good morning! 1 dish near you today:"
    And Tom is not notified "Good morning!"

  Scenario: New-dish alerts off, the morning digest still comes
    Given Tom turned off new-post alerts
    And it is 23:00 in the neighborhood
    When Priya shares 3 portions of dal for pickup "tomorrow 12-1pm"
    And 9 hours pass
    And the morning digest goes out
    Then Tom is notified "Good morning! 1 dish near you today:"

  Scenario: The morning digest keeps to the neighbor's radius
    Given Ravi is a neighbor 600 m north of the centre
    And Ravi set the alert radius to 500 m
    And it is 23:00 in the neighborhood
    When Priya shares 3 portions of dal for pickup "tomorrow 12-1pm"
    And 9 hours pass
    And the morning digest goes out
    Then Ravi is not notified "Good morning!"
    And Tom is notified "Good morning! 1 dish near you today:"

  Scenario: The weekly digest only for those who keep it on
    Given Tom turned off the weekly digest
    And Priya shared 3 portions of dal
    And Tom picked up 1 portion of dal
    When the weekly digest goes out next Monday
    Then Priya is notified "Your week on NeighborShare"
    And Tom is not notified "Your week on NeighborShare"

  Scenario Outline: A setting out of range changes nothing
    Given Tom set the alert radius to 500 m
    When Tom <changes>
    Then Tom is told "<told>"
    And Tom's settings are still a 500 m radius with the usual quiet hours

    Examples:
      | changes                                 | told                                      |
      | sets the alert radius to 5000 m         | Please choose an alert radius from 200 m  |
      | sets the alert radius to 100 m          | Please choose an alert radius from 200 m  |
      | chooses quiet hours from 25:00 to 07:00 | Please choose quiet hours within the day  |
      | chooses the language "xx"               | I don't speak that language yet           |
