Feature: The map of nearby dishes (the Mini App): the same dishes and refusals as /browse

  Priya shares a vegan dal and a palak paneer (milk) about 100 m from Tom, who is allergic to
  milk and shares a tomato soup himself; Sam's stew is 3 km away.

  Scenario: The map shows what /browse shows, and Tom's own dishes apart
    When Tom opens the map
    Then the map shows "Dal <b>tadka</b>"
    And the map shows Tom's own "Tomato soup" apart
    And every place on the map is a centre of the privacy grid

  Scenario: "Show all" adds the dish that conflicts with Tom's diet, marked
    When Tom opens the map showing all dishes
    Then the map shows "Dal <b>tadka</b>, Palak paneer"
    And "Palak paneer" is marked as not fitting Tom's diet

  Scenario: A request on the map goes on in the chat like a card's
    When Tom asks for 2 portions of "Dal <b>tadka</b>" on the map
    Then the map accepts it and Tom has 3 credits
    And Tom is told in the chat "You asked Priya for 2 portions"
    And Priya is asked to accept or decline

  Scenario: Not enough credits is refused and changes nothing
    When Tom asks for 6 portions of "Dal <b>tadka</b>" on the map
    Then the map refuses with 409 "That needs 6 credits and you have 5. Share a dish to earn more!"
    And Tom has 5 credits and was told nothing

  Scenario: Tom's own dish is refused as in the chat
    When Tom asks for 1 portion of "Tomato soup" on the map
    Then the map refuses with 409 "That's your own dish – you can't request it."
    And Tom has 5 credits and was told nothing

  Scenario Outline: A page without valid initData is refused and changes nothing
    When Tom asks for 1 portion of "Dal <b>tadka</b>" on the map with <init_data>
    Then the map refuses with 401 "Please open the map from the bot in Telegram."
    And Tom has 5 credits and was told nothing

    Examples:
      | init_data                         |
      | initData signed for another user  |
      | initData from another bot         |
      | initData older than an hour       |
      | no initData                       |
