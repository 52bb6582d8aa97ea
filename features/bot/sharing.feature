Feature: Sharing a dish through the bot
  /share walks a neighbor from a dish's name to a published post.

  Background:
    Given Priya has a profile
    And Tom has a profile

  Scenario: Priya shares a dish with a photo and neighbors nearby are told
    When Priya sends "/share"
    And Priya sends "Red lentil dal"
    And Priya sends a photo of the dish
    Then Priya is told "How many portions?"
    When Priya taps "3"
    And Priya taps "Mustard"
    And Priya taps "Done"
    And Priya taps "Vegan"
    And Priya taps "Done"
    Then Priya sees the buttons "Next hour, Tonight 18-20"
    When Priya sends "6-7pm today"
    Then Priya is told "Here's your post"
    And Priya is told "Allergens: mustard"
    And Priya sees the buttons "Publish, Start over"
    When Priya taps "Publish"
    Then Priya is told "Red lentil dal is live!"
    And Tom is told "New nearby: Red lentil dal from Priya"

  Scenario: Portions outside 1 to 20 are refused
    When Priya sends "/share"
    And Priya sends "Soup"
    And Priya taps "Skip"
    And Priya sends "21"
    Then Priya is told "from 1 to 20"
    When Priya sends "2"
    Then Priya is told "Which allergens"

  Scenario: A pickup window in the past or too far ahead is refused
    When Priya sends "/share"
    And Priya sends "Soup"
    And Priya taps "Skip"
    And Priya taps "2"
    And Priya taps "Done"
    And Priya taps "Done"
    And Priya sends "6-7am today"
    Then Priya is told "already over"
    When Priya sends "tuesday"
    Then Priya is told "I didn't catch that time"

  Scenario: A file that is not an image, and a decompression bomb, are refused
    When Priya sends "/share"
    And Priya sends "Soup"
    And Priya sends a photo that is not an image
    Then Priya is told "That photo couldn't be used"
    When Priya sends a photo that is a decompression bomb
    Then Priya is told "That photo is too large"
    When Priya sends a photo of the dish
    Then Priya is told "How many portions?"

  Scenario: A restart in the middle of /share continues at the same step
    When Priya sends "/share"
    And Priya sends "Soup"
    And Priya taps "Skip"
    And Priya taps "4"
    And the bot restarts
    And Priya taps "Done"
    Then Priya is told "Is it any of these?"
    When the bot restarts
    And Priya taps "Done"
    And Priya taps "Next 2 hours"
    And Priya taps "Publish"
    Then Priya is told "Soup is live!"

  Scenario: Two replicas on one database continue each other's conversation
    When a second replica of the bot runs on the same database
    And Priya talks to replica 1 and sends "/share"
    And Priya talks to replica 2 and sends "Stew"
    And Priya talks to replica 1 and taps "Skip"
    And Priya talks to replica 2 and taps "2"
    And Priya talks to replica 1 and taps "Done"
    And Priya talks to replica 2 and taps "Done"
    And Priya talks to replica 1 and taps "Next hour"
    And Priya talks to replica 2 and taps "Publish"
    Then Priya is told "Stew is live!"

  Scenario: /cancel leaves the flow from any step
    When Priya sends "/share"
    And Priya sends "Soup"
    And Priya sends "/cancel"
    Then Priya is told "Cancelled. Nothing was saved."
    When Priya sends "3"
    Then Priya is told "I didn't get that"
