Feature: /settings, one screen of buttons
  A neighbor turns new-dish alerts on or off, picks an alert radius (200 m to 3 km), quiet
  hours (a few presets, or none), the morning and weekly digests, and the language. Each tap
  is saved at once and the screen shows it; every alert and digest opens it in one tap.

  Background:
    Given Priya has a profile
    And Tom has a profile

  Scenario: The screen shows what is set now
    When Tom sends "/settings"
    Then Tom is told "Your settings"
    And Tom is told "New-dish alerts: on"
    And Tom is told "Alert radius: 1 km (the default)"
    And Tom is told "Quiet hours: 22:00–08:00 (the default)"
    And Tom is told "Morning digest: on"
    And Tom is told "Language: English (automatic)"
    And Tom sees the buttons "Alerts: on, 200 m, 3 km, No quiet hours, Morning digest: on, Weekly digest: on, Deutsch, Done"

  Scenario: Alerts off: stored, shown, and no alert comes
    When Tom sends "/settings"
    And Tom taps "Alerts: on"
    Then Tom is told "New-dish alerts: off"
    And Tom sees the buttons "Alerts: off"
    And Tom's stored new-dish alerts are off
    When Priya shares 2 portions of "Flatbread"
    Then Tom is not told "New nearby"

  Scenario: Alerts back on
    When Tom sends "/settings"
    And Tom taps "Alerts: on"
    And Tom taps "Alerts: off"
    Then Tom is told "New-dish alerts: on"
    And Tom's stored new-dish alerts are on
    When Priya shares 2 portions of "Flatbread"
    Then Tom is told "New nearby: Flatbread"

  Scenario: A smaller radius: no alert from farther away
    Given Ravi has a profile
    When Ravi sends "/settings"
    And Ravi taps "200 m"
    Then Ravi is told "Alert radius: 200 m"
    And Ravi sees the buttons "✅ 200 m"
    And Ravi's stored alert radius is 200 m
    When Priya shares 2 portions of "Flatbread"
    Then Ravi is not told "New nearby"
    And Tom is told "New nearby: Flatbread"

  Scenario: The default radius reaches the same neighbor
    Given Ravi has a profile
    When Priya shares 2 portions of "Flatbread"
    Then Ravi is told "New nearby: Flatbread"

  Scenario: Back to the default radius
    When Tom sends "/settings"
    And Tom taps "3 km"
    And Tom taps "1 km"
    Then Tom is told "Alert radius: 1 km (the default)"
    And Tom's stored alert radius is the default

  Scenario: Quiet hours: a preset, then none at all
    Given Sam has a profile
    When Tom sends "/settings"
    And Tom taps "Quiet 23:00–07:00"
    Then Tom is told "Quiet hours: 23:00–07:00"
    And Tom's stored quiet hours are 23:00-07:00
    When Tom taps "No quiet hours"
    Then Tom is told "Quiet hours: off"
    And Tom's stored quiet hours are off
    When 13 hours pass
    And Priya shares 2 portions of "Flatbread"
    Then Tom is told "New nearby: Flatbread"
    And Sam is not told "New nearby"

  Scenario: Morning digest off: no morning digest
    Given Sam has a profile
    When Tom sends "/settings"
    And Tom taps "Morning digest: on"
    Then Tom is told "Morning digest: off"
    And Tom's stored morning digest is off
    When 13 hours pass
    And Priya shares 2 portions of "Stew" for pickup "tomorrow 12-1pm"
    And 10 hours pass
    Then Sam is told "Good morning!"
    And Sam sees the buttons "Request Stew, Settings"
    And Tom is not told "Good morning!"

  Scenario: Weekly digest off: no weekly digest
    Given Sam has a profile
    And Priya shared 2 portions of "Soup"
    And Sam asked for 1 portions of "Soup"
    And Priya accepted
    And Sam picked up
    When Tom sends "/settings"
    And Tom taps "Weekly digest: on"
    Then Tom is told "Weekly digest: off"
    And Tom's stored weekly digest is off
    When 7 days pass
    Then Sam is told "Your week on NeighborShare"
    And Sam sees the buttons "Settings"
    And Tom is not told "Your week on NeighborShare"

  Scenario: A new language answers at once, and from then on
    When Tom sends "/settings"
    And Tom taps "Deutsch"
    Then Tom is told "Deine Einstellungen"
    And Tom is told "Sprache: Deutsch"
    And Tom's stored language is de
    When Tom sends "/credits"
    Then Tom is told "Dein Guthaben"
    When Tom sends "/settings"
    And Tom taps "English"
    Then Tom is told "Your settings"
    And Tom's stored language is en

  Scenario: Back to the automatic language (the Telegram app's)
    When Tom sends "/settings"
    And Tom taps "Deutsch"
    And Tom taps "Automatisch"
    Then Tom is told "Your settings"
    And Tom is told "Language: English (automatic)"
    And Tom has no stored language

  Scenario: Settings straight from a new-dish alert
    Given Priya shared 2 portions of "Flatbread"
    Then Tom sees the buttons "Request, Settings"
    When Tom taps "Settings"
    Then Tom is told "Your settings"

  Scenario: Done closes the screen
    When Tom sends "/settings"
    And Tom taps "Done"
    Then Tom is told "All saved. /settings opens this again."
