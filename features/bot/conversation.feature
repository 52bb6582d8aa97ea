Feature: Talking to the bot: help, hints, limits and safety

  Scenario: /help lists the commands
    When Priya sends "/help"
    Then Priya is told "/share – offer a dish"
    And Priya is told "/cancel – stop what you're doing"

  Scenario: Commands that need a profile say so
    When Priya sends "/share"
    Then Priya is told "Please set up your profile first with /start."
    When Priya sends "/credits"
    Then Priya is told "Please set up your profile first with /start."

  Scenario: Unknown input gets a helpful hint
    When Priya sends "hello?"
    Then Priya is told "Try /browse to see dishes nearby"
    When Priya sends "/dance"
    Then Priya is told "I don't know that command"
    When Priya sends "/cancel"
    Then Priya is told "There's nothing to cancel"

  Scenario: A neighbor going too fast is told once
    Given Priya has a profile
    When Priya sends "/help" 14 times within a minute
    Then Priya is told "You're going a little fast" exactly once

  Scenario: A conversation left idle for half an hour expires
    Given Priya has a profile
    When Priya sends "/share"
    And 31 minutes pass
    And Priya sends "Soup"
    Then Priya is told "I didn't get that"

  Scenario: A dish's name written in HTML appears literally everywhere
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 3 portions of "<b>Soup</b> & bread"
    When Tom asks for 2 portions of "<b>Soup</b> & bread"
    And Priya taps "Accept"
    And Tom sends "/mine"
    And Priya sends "/mine"
    Then every message mentioning "Soup" shows "<b>Soup</b> & bread" literally
    And no message shows a stack trace or a phone number

  Scenario: A paused neighbor can browse but not share or request
    Given Priya has a profile
    And Tom has a profile
    And Priya shared 2 portions of "Dal"
    And Tom's account is paused by the moderators
    When Tom sends "/share"
    Then Tom is told "Your account is paused while a moderator reviews it"
    When Tom sends "/browse"
    Then Tom is told "Dal"
    When Tom taps "Request"
    And Tom taps "1"
    Then Tom is told "Your account is paused"
