Feature: Browsing dishes nearby
  /browse shows active dishes with portions left within 1 km, nearest first, five at a time,
  never the neighbor's own, and hides what conflicts with their diet unless they ask.

  Background:
    Given Tom is a neighbor

  Scenario: Nearest dishes come first
    Given Priya is a neighbor 600 m north of the centre
    And Ravi is a neighbor 200 m east of the centre
    And Priya shared 2 portions of dal
    And Ravi shared 2 portions of soup
    When Tom browses
    Then Tom sees soup and dal
    And the soup card shows "soup · 2 left · ~200 m · Ravi (new neighbor)"

  Scenario: Dishes beyond the 1 km radius are not shown
    Given Priya is a neighbor 900 m north of the centre
    And Ravi is a neighbor 1500 m south of the centre
    And Priya shared 2 portions of dal
    And Ravi shared 2 portions of soup
    When Tom browses
    Then Tom sees dal

  Scenario: Results are paged five at a time
    Given Priya is a neighbor
    And Priya shared one portion each of a1, a2, a3, a4, a5, a6 and a7
    When Tom browses
    Then Tom sees a1, a2, a3, a4 and a5
    And there is another page
    When Tom browses page 2
    Then Tom sees a6 and a7
    And there are no more pages

  Scenario: A neighbor never sees their own dishes
    Given Priya is a neighbor
    And Tom shared 2 portions of stew
    And Priya shared 2 portions of dal
    When Tom browses
    Then Tom sees dal
    When Priya browses
    Then Priya sees stew

  Scenario: Dishes with an allergen the neighbor avoids are hidden unless asked for
    Given Priya is a neighbor
    And Tom is allergic to peanuts
    And Priya shared 2 portions of satay containing peanuts, soy
    And Priya shared 2 portions of rice
    When Tom browses
    Then Tom sees rice
    When Tom browses showing everything
    Then Tom sees satay and rice
    And the satay card shows "allergens: peanuts, soy"

  Scenario: A vegetarian sees only vegetarian and vegan dishes
    Given Priya is a neighbor
    And Tom eats only vegetarian food
    And Priya shared 2 portions of chili
    And Priya shared 2 portions of salad tagged vegan
    And Priya shared 2 portions of paneer tagged vegetarian
    When Tom browses
    Then Tom sees salad and paneer

  Scenario: A dish with every portion claimed disappears
    Given Priya is a neighbor
    And Ana is a neighbor
    And Priya shared 2 portions of dal
    And Ana requested 2 portions of dal
    When Tom browses
    Then Tom sees nothing

  Scenario: Expired and hidden dishes are not shown
    Given Priya is a neighbor
    And Mo is a moderator
    And Priya shared 2 portions of dal
    And Priya shared 2 portions of soup for pickup "6-7pm today"
    When 3 hours pass
    And Mo hides the soup because "mislabelled"
    And Tom browses
    Then Tom sees nothing
    And the dal is expired
    And the soup is hidden

  Scenario: A sharer's rating is shown only after three ratings
    Given Priya is a neighbor
    And Ana, Ben and Cy are neighbors
    And Priya shared 5 portions of dal
    And Ana picked up 1 portion of dal
    And Ben picked up 1 portion of dal
    And Ana rated Priya 5 stars and the dal 5 stars
    And Ben rated Priya 4 stars and the dal 4 stars
    And Priya shared 3 portions of soup
    When Tom browses
    Then the soup card shows "Priya (new neighbor)"
    Given Cy picked up 1 portion of soup
    And Cy rated Priya 3 stars and the soup 3 stars
    When Tom browses
    Then the soup card shows "Priya (4.0★ (3))"
