Feature: Moderation
  Moderators claim, resolve (warn, hide the dish, suspend, ban, adjust credits) or dismiss
  reports. Nobody handles a report that involves them, only moderators act, and every action
  is written to the audit log with who, what, when and why.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor
    And Mo is a moderator
    And Max is a moderator
    And Priya shared 3 portions of dal
    And Tom reported Priya for harassment: "Rude messages"

  Scenario: Claiming a report puts it in review
    When Mo claims Tom's report
    Then Tom's report is in review
    And the audit log records Mo "claim-report" on Tom's report

  Scenario: Resolving by suspending
    Given Mo claims Tom's report
    When Mo resolves Tom's report by suspending for 7 days
    Then Tom's report is resolved
    And Priya is suspended for 7 days
    And Priya is notified "A moderator has paused your account for 7 days."
    And Priya is not notified "pending a moderator's review"
    And Tom is notified "A moderator has reviewed your report"
    And the audit log records Mo "resolve-report:suspend" on Tom's report

  Scenario: Resolving by warning
    When Mo resolves Tom's report by warning
    Then Tom's report is resolved
    And Priya is active
    And Priya is notified "A moderator has sent you a warning"

  Scenario: Resolving by banning
    When Mo resolves Tom's report by banning
    Then Priya is banned
    And Priya is notified "Your account has been closed by the moderators."
    When Priya shares 2 portions of soup
    Then Priya is told "This account has been closed by the moderators."

  Scenario: Resolving a report about a dish by hiding it
    Given Tom reported the dal for fake listing
    When Mo resolves Tom's report by hiding the post
    Then the dal is hidden
    And Priya is notified "A moderator has hidden your post dal."
    And Priya is not notified "A moderator will review it"

  Scenario: A report about a neighbor has no dish to hide
    When Mo resolves Tom's report by hiding the post
    Then Mo is told "This report isn't about a post, so there is no post to hide."
    And Tom's report is open
    And the dal is active

  Scenario: Resolving by adjusting credits
    When Mo resolves Tom's report by adjusting credits by -2
    Then Priya has 3 credits
    And Tom's report is resolved

  Scenario: Dismissing a report
    When Mo dismisses Tom's report
    Then Tom's report is dismissed
    And Priya is active
    And Tom is notified "A moderator has reviewed your report"
    And the audit log records Mo "dismiss-report" on Tom's report because "not a problem"

  Scenario: A moderator can't handle a report against themselves
    Given Tom reported Mo for harassment
    When Mo claims Tom's report
    Then Mo is told "You can't handle a report that involves you. Ask another moderator."
    And Tom's report is open
    When Max claims Tom's report
    Then Tom's report is in review

  Scenario: A moderator can't handle their own report
    Given Mo reported Priya for spam
    When Mo dismisses Mo's report
    Then Mo is told "You can't handle a report that involves you."
    And Mo's report is open

  Scenario: Two moderators can't review the same report
    Given Mo claims Tom's report
    When Max claims Tom's report
    Then Max is told "is already being reviewed."
    And Tom's report is in review

  Scenario: A closed report stays closed
    Given Mo dismissed Tom's report
    When Max resolves Tom's report by warning
    Then Max is told "is already dismissed."
    And Tom's report is dismissed

  Scenario: Neighbors can't moderate
    When Tom dismisses Tom's report
    Then Tom is told "Only moderators can do that."
    And Tom's report is open
    When Tom suspends Priya for 7 days because "I don't like her"
    Then Tom is told "Only moderators can do that."
    And Priya is active

  Scenario: A suspension is audited and can be lifted
    When Mo suspends Priya for 3 days because "investigating a complaint"
    Then Priya is suspended for 3 days
    And Priya is notified "A moderator has paused your account for 3 days."
    And the audit log records Mo "suspend" on Priya because "investigating a complaint"
    When Max lifts the suspension of Priya because "complaint unfounded"
    Then Priya is active
    And Priya is notified "Your account is active again. Welcome back!"
    And the audit log records Max "unsuspend" on Priya because "complaint unfounded"

  Scenario: A suspension ends by itself
    Given Mo suspends Priya for 3 days because "cooling off"
    When 4 days pass
    And Priya shares 2 portions of soup
    Then the soup is active

  Scenario: A moderator hides a dish, audited
    When Mo hides the dal because "photo of raw chicken"
    Then the dal is hidden
    And the audit log records Mo "hide-post" on dal because "photo of raw chicken"
    And Priya is notified "A moderator has hidden your post dal."
    And Priya is not notified "A moderator will review it"

  Scenario: A moderator restores a dish hidden by mistake
    Given Tom reported the dal for food safety
    When Mo restores the dal because "it was a photo of tofu"
    Then the dal is active
    And the audit log records Mo "unhide-post" on dal because "it was a photo of tofu"
    When Tom requests 1 portion of dal
    Then Tom's request is pending

  Scenario: A moderator can't moderate their own dish
    Given Mo shared 2 portions of soup
    When Mo hides the soup because "oops"
    Then Mo is told "You can't moderate your own post."
    And the soup is active
