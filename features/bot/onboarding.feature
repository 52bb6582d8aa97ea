Feature: Joining NeighborShare through the bot
  A neighbor sets up a profile with /start and gets welcome credits.

  Scenario: A new neighbor onboards and receives welcome credits
    When Priya sends "/start"
    Then Priya is told "What should neighbors call you?"
    When Priya sends "Priya"
    Then Priya sees the buttons "Share my phone number"
    When Priya shares their own contact
    Then Priya is told "Which apartment"
    When Priya sends "4B"
    Then Priya is told "send a location pin"
    When Priya sends a location pin at 51.5115, -0.1235
    Then Priya sees the buttons "Vegetarian, Vegan, Halal, Kosher, Done"
    When Priya taps "Vegan"
    Then Priya sees the buttons "✅ Vegan"
    When Priya taps "Done"
    Then Priya sees the buttons "Gluten, Tree nuts, Molluscs"
    When Priya taps "Sesame"
    And Priya taps "Done"
    Then Priya is told "Anything else you avoid"
    When Priya sends "coriander"
    Then Priya is told "You're all set, Priya! Here are 5 welcome credits"
    And Priya has 5 credits

  Scenario: Someone else's contact is refused
    When Priya sends "/start"
    And Priya sends "Priya"
    And Priya shares someone else's contact
    Then Priya is told "Please share your own contact"

  Scenario: A home outside the service area is refused politely
    When Priya sends "/start"
    And Priya sends "Priya"
    And Priya shares their own contact
    And Priya sends "4B"
    And Priya sends a location pin at 53.4808, -2.2426
    Then Priya is told "isn't in your area yet"
    When Priya sends a location pin at 51.5115, -0.1235
    Then Priya is told "Do you follow any of these diets?"

  Scenario: Running /start again edits the profile without new credits
    Given Priya has a profile
    When Priya sends "/start"
    Then Priya is told "Let's update your profile"
    When Priya sends "Priya Sharma"
    And Priya shares their own contact
    And Priya sends "5C"
    And Priya sends a location pin at 51.5115, -0.1235
    And Priya taps "Done"
    And Priya taps "Done"
    And Priya taps "Skip"
    Then Priya is told "Profile updated, Priya"
    And Priya has 5 credits

  Scenario: A typed number is verified with a code
    When Priya sends "/start"
    And Priya sends "Priya"
    And Priya sends "07700 900123"
    Then Priya is told "I've sent a code by SMS"
    When Priya sends "000000"
    Then Priya is told "That code didn't match"
    When Priya sends the code that was texted
    Then Priya is told "Which apartment"

  Scenario: An empty name is refused and the question stays
    When Priya sends "/start"
    And Priya sends a location pin at 51.5115, -0.1235
    Then Priya is told "Please type your answer"

  Scenario: Editing a profile can keep each answer
    Given Priya has a profile as a vegetarian
    When Priya sends "/start"
    Then Priya sees the buttons "Keep “Priya”"
    When Priya taps "Keep Priya"
    And Priya taps "Keep my number"
    Then Priya sees the buttons "Keep “12”"
    When Priya sends "5C"
    And Priya taps "Keep my location"
    Then Priya sees the buttons "✅ Vegetarian"
    When Priya taps "Done"
    And Priya taps "Done"
    And Priya taps "Skip"
    Then Priya is told "Profile updated, Priya"
    And Priya has 5 credits

  Scenario: A number another neighbor registered is refused when it is shared
    Given Priya has a profile
    When Sam sends "/start"
    And Sam sends "Sam"
    And Sam shares their own contact, holding Priya's number
    Then Sam is told "That phone number already belongs to another neighbor."
    And Sam is not told "Which apartment"
    When Sam shares their own contact
    Then Sam is told "Which apartment"

  Scenario: A typed number another neighbor registered is refused once its code is checked
    Given Priya has a profile
    When Sam sends "/start"
    And Sam sends "Sam"
    And Sam types Priya's number
    And Sam sends the code that was texted
    Then Sam is told "That phone number already belongs to another neighbor."
    And Sam is not told "Which apartment"
