Feature: Messages Telegram refuses for good
  A message Telegram refuses for good is tried again a few times, further apart each time,
  then kept aside as failed with Telegram's reason; every other message still goes out. A
  moderator sees the failed ones and sends one again or drops it, and both are audited.

  Background:
    Given Priya is a neighbor
    And Tom is a neighbor
    And Ana is a neighbor
    And Mo is a moderator
    And Priya shared 3 portions of dal
    And Ana shared 2 portions of soup

  Scenario: A refused message fails alone and the others are delivered
    Given Telegram refuses every message to Priya: "Bad Request: message is too long"
    When Tom requests 1 portion of dal
    And Tom requests 1 portion of soup
    And the outbox is tried for an hour
    Then Ana is notified "Tom asked for 1 portion of soup."
    And Priya's message about the request has failed: "Bad Request: message is too long"

  Scenario: A moderator sends a failed message again
    Given Telegram refuses every message to Priya: "Bad Request: message is too long"
    And Tom requests 1 portion of dal
    And the outbox is tried for an hour
    When Telegram accepts messages to Priya again
    And Mo retries Priya's failed message
    Then Priya is notified "Tom asked for 1 portion of dal." 1 times
    And the audit log records Mo "retry-outbox" on Priya's failed message

  Scenario: A moderator drops a failed message
    Given Telegram refuses every message to Priya: "Bad Request: message is too long"
    And Tom requests 1 portion of dal
    And the outbox is tried for an hour
    When Mo drops Priya's failed message because "the dish is gone anyway"
    Then Priya has no failed message
    And the audit log records Mo "drop-outbox" on Priya's failed message

  Scenario: Only a moderator retries a failed message
    Given Telegram refuses every message to Priya: "Bad Request: message is too long"
    And Tom requests 1 portion of dal
    And the outbox is tried for an hour
    When Tom retries Priya's failed message
    Then Tom is told "Only moderators can do that."
