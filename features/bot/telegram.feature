Feature: Telegram as neighbors really use it: files, deleted messages, links and the menu

  Background:
    Given Priya has a profile
    And Tom has a profile

  Scenario: A photo sent as a file is taken like a photo
    When Priya sends "/share"
    And Priya sends "Red lentil dal"
    And Priya sends a photo of the dish as a file
    Then Priya is told "Your photo, as neighbors will see it"
    And Priya is told "How many portions?"
    When Priya taps "3"
    And Priya taps "Done"
    And Priya taps "Done"
    And Priya taps "Next 2 hours"
    And Priya taps "Publish"
    Then Priya is told "Red lentil dal is live!"
    When Tom sends "/browse"
    Then Tom is told "Red lentil dal"

  Scenario: A file that is not a picture is no photo
    When Priya sends "/share"
    And Priya sends "Soup"
    And Priya sends a PDF as a file
    Then Priya is told "Please send a photo of the dish, or tap Skip."

  Scenario: A button on a message deleted meanwhile still works, answered in a new message
    Given Priya shared 3 portions of "Dal"
    When Tom sends "/browse"
    And Tom taps "Request"
    And Tom taps "2" on a message that was deleted meanwhile
    Then Tom is told "You asked Priya for 2 portions of Dal"
    And Tom is not told "Sorry, something went wrong"

  Scenario: A tapped button is answered before anything else is sent
    Given Priya shared 3 portions of "Dal"
    When Tom sends "/browse"
    And Tom taps "Request"
    Then the button's answer came before any other reply

  Scenario: A dish's link opens its card for a neighbor with a profile
    Given Priya shared 3 portions of "Dal"
    When Tom opens the link to "Dal"
    Then Tom is told "Dal"
    And Tom sees the buttons "Request"
    And Tom is not told "Let's update your profile"

  Scenario: A dish's link opens its card for a new neighbor once they have a profile
    Given Priya shared 3 portions of "Dal"
    When Sam opens the link to "Dal"
    Then Sam is told "Welcome to NeighborShare"
    When Sam sets up a profile
    Then Sam is told "You're all set"
    And Sam is told "Dal"
    And Sam sees the buttons "Request"

  Scenario: The link of a group's pointer runs the command in the private chat
    Given Priya shared 3 portions of "Dal"
    When Priya writes "/mine" in the group hall
    And Priya sends "/start mine"
    Then Priya is told "Your posts"

  Scenario: The command menu is set at every start, the same each time
    When the bot restarts
    Then the command menu of private chats is "/share, /browse, /mine, /credits, /settings, /rate, /report, /start, /mydata, /deleteaccount, /help, /cancel"
    And the command menu was set 2 times for each language
