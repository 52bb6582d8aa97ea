Feature: Privacy
  Phone numbers are kept only as a keyed hash, apartments go only to an accepted requester,
  and distances never give away where a sharer lives.

  Scenario: A phone number is stored only as a keyed hash and its last two digits
    When Ana signs up with phone "+447700900555"
    Then Ana's phone is stored only as a keyed hash ending in "55"

  Scenario: A dish is placed at the centre of the sharer's 100 m grid cell
    Given Priya is a neighbor 433 m north of the centre
    When Priya shares 2 portions of dal
    Then the dal is placed at the centre of Priya's grid cell, not at her home

  Scenario: Two homes in the same grid cell look equally far away
    Given Tom is a neighbor
    And Priya is a neighbor 405 m north of the centre
    And Ravi is a neighbor 490 m north of the centre
    And Priya shared 1 portion of dal
    And Ravi shared 1 portion of soup
    When Tom browses
    Then the dal card shows "~400 m"
    And the soup card shows "~400 m"

  Scenario: Distances are shown in coarse steps
    Given Tom is a neighbor
    And Priya is a neighbor 640 m east of the centre
    And Priya shared 1 portion of dal
    When Tom browses
    Then the dal card shows "dal · 1 left · ~600 m · Priya (new neighbor)"

  Scenario: A sharer's apartment is not in the browse card or the request notice
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor
    And Priya shared 3 portions of dal
    When Tom requests 1 portion of dal
    Then Tom cannot see Priya's apartment in Tom's request
    And Tom is not notified "4B"
    And Priya is notified "Tom asked for 1 portion of dal."
