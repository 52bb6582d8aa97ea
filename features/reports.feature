Feature: Reporting
  Neighbors report a neighbor, a dish or an exchange. A food-safety report hides the dish at
  once; three open reports from different neighbors within 30 days suspend the reported neighbor
  pending review; a reporter whose last 5 reports were all dismissed may file one a day.

  Background:
    Given Priya is a neighbor
    And Tom, Ana and Ben are neighbors
    And Mo is a moderator
    And Priya shared 3 portions of dal

  Scenario: A food-safety report hides the dish at once
    When Tom reports the dal for food safety: "It smelled off"
    Then the dal is hidden
    And Tom's report is open
    And Tom is notified nothing
    And Priya is notified "Your post dal was hidden because of a food-safety concern."
    And the audit log records the system "hide-post" on dal because "food-safety report"
    When Ana browses
    Then Ana sees nothing

  Scenario: Taking a dish down cancels its open exchanges and returns every hold
    Given Ana requested 1 portion of dal
    And Ben requested 1 portion of dal
    And Priya accepted Ben's request
    When Tom reports the dal for food safety: "It smelled off"
    Then Ana's request is cancelled
    And Ben's request is cancelled
    And Ana has 5 credits
    And Ben has 5 credits
    And the dal has 3 portions left
    And Ben is notified "was taken down while a moderator checks it, so your request was cancelled"
    When Priya confirms Ben's pickup
    Then Priya is told "can't be marked as picked up"

  Scenario: Other reports about a dish don't hide it
    When Tom reports the dal for spam
    Then the dal is active
    And Tom's report is open

  Scenario: A hidden dish can't be requested
    Given Tom reported the dal for food safety
    When Ana requests 1 portion of dal
    Then Ana is told "This dish is no longer available."
    And Ana has 5 credits

  Scenario: Three reports from different neighbors suspend the reported neighbor
    Given Tom reported Priya for harassment
    And Ana reported Priya for harassment
    Then Priya is active
    When Ben reports Priya for harassment
    Then Priya is suspended for 30 days
    And Priya is notified "Your account is paused for 30 days because of several reports"
    And the audit log records the system "auto-suspend" on Priya because "several reports"

  Scenario: Three reports from the same neighbor don't suspend
    When Tom reports Priya for harassment
    And Tom reports Priya for harassment
    And Tom reports Priya for harassment
    Then Priya is active

  Scenario: Reports older than 30 days don't count
    Given Tom reported Priya for spam
    And Ana reported Priya for spam
    When 31 days pass
    And Ben reports Priya for spam
    Then Priya is active

  Scenario: Dismissed reports don't count
    Given Tom reported Priya for spam
    And Ana reported Priya for spam
    And Mo dismissed Tom's report
    When Ben reports Priya for spam
    Then Priya is active

  Scenario: Reporting an exchange reports the other side
    Given Tom picked up 1 portion of dal
    When Tom reports the exchange with Priya for no-show: "Nobody opened the door"
    Then Tom's report is open
    And Tom's report is against Priya
    And Tom is not notified "Thanks for your report"

  Scenario: Nobody can report themselves
    When Tom reports Tom for spam
    Then Tom is told "You can't report yourself."
    And Tom filed no reports
    And Tom is active

  Scenario: A report needs a description
    When Tom reports Priya for spam: ""
    Then Tom is told "Please describe what happened in 1 to 1000 characters."
    And Tom filed no reports

  Scenario: A reporter whose last 5 reports were dismissed may file one report a day
    Given Tom reported Priya for spam
    And Tom reported Ana for spam
    And Tom reported Ben for spam
    And Tom reported Priya for spam
    And Tom reported Ana for spam
    When 2 days pass
    And Mo dismissed all of Tom's reports
    And Tom reports Ben for spam
    Then Tom's report is open
    When Tom reports Priya for spam
    Then Tom is told "You can file one report a day for now. Please try again tomorrow."
    When 25 hours pass
    And Tom reports Priya for spam
    Then Tom's report is open
    When Tom reports Ana for spam
    Then Tom is told "You can file one report a day for now."
