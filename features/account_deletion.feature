Feature: Deleting my account
  /deleteaccount (after a confirmation) and `neighborshare users erase` end the neighbor's open
  exchanges with every hold returned, withdraw their dishes and erase their profile: name,
  apartment, location, photos and the comments they wrote. The ledger stays, balanced, under a
  pseudonym; the phone's keyed hash stays only in the welcome bonus's ledger key, so a neighbor
  who comes back starts onboarding again and gets no second welcome bonus, and the number of an
  account the moderators banned is refused.

  Background:
    Given Priya is a neighbor in apartment 4B
    And Tom is a neighbor in apartment 7C
    And Ana is a neighbor
    And Mo is a moderator
    And Priya shared 3 portions of dal
    And Ana shared 2 portions of soup

  Scenario: Open exchanges on both sides end with refunds and the dishes are withdrawn
    Given Tom requested 1 portion of dal
    And Ana requested 1 portion of dal
    And Priya accepted Ana's request
    And Priya requested 2 portions of soup
    When Priya deletes her account
    Then Tom's request is cancelled
    And Ana's request for dal is cancelled
    And Priya's request for soup is cancelled
    And Tom has 5 credits
    And the dal is withdrawn
    And the soup has 2 portions left
    And Tom is notified "Sorry, the sharer withdrew dal, so your request was cancelled."
    And Ana is notified "A neighbor cancelled their request for soup."
    And no message kept for Ana mentions "4B"
    And no message kept for Ana mentions "Priya"
    And the books balance

  Scenario: The profile, photos and comments are erased; the ledger stays under a pseudonym
    Given the dal has a photo
    And Tom picked up 1 portion of dal
    And Tom rated Priya 5 stars and the dal 5 stars: "Lovely dal"
    And Priya rated Tom 4 stars: "Came on time"
    When Priya deletes her account
    Then Priya's profile keeps nothing of them
    And the dal's photo is gone from the photo store
    And Tom's comment "Lovely dal" is kept
    And Priya has 7 credits
    And the books balance
    And the audit log records Priya "erase" on Priya because "own-request"
    And Priya is notified nothing

  Scenario: The alerts neighbors were sent of the dishes lose the sharer's name and photo
    Given the dal has a photo
    And Tom was alerted to dal
    When Priya deletes her account
    Then no message kept for Tom mentions "Priya"
    And no message kept for Tom carries a photo

  Scenario: A neighbor who comes back starts again without a second welcome bonus
    Given Priya deleted her account
    When Priya signs up again with the same phone
    Then Priya is a new neighbor with no welcome bonus
    And the books balance

  Scenario: A banned neighbor who deleted the account can't sign up again with that phone
    Given Priya is banned
    And Priya deleted her account
    When Priya signs up again with the same phone
    Then Priya is told "This account has been closed by the moderators."
    And the books balance

  Scenario: A moderator erases an account, audited
    Given Tom requested 1 portion of dal
    When Mo erases Tom's account because "Asked by email to be forgotten"
    Then Tom's profile keeps nothing of them
    And the dal has 3 portions left
    And the audit log records Mo "erase" on Tom because "Asked by email to be forgotten"
    And Priya is notified "A neighbor cancelled their request for dal."
    And the books balance

  Scenario: An erased account can't be erased again, nor share or request
    Given Priya deleted her account
    When Mo erases Priya's account because "twice"
    Then Mo is told "That account was deleted"
    When Priya shares 1 portion of rice
    Then Priya is told "That account was deleted"
    When Priya requests 1 portion of soup
    Then Priya is told "That account was deleted"
    And the soup has 2 portions left

  Scenario: Only a moderator erases someone else's account
    When Ana erases Tom's account because "I don't like him"
    Then Ana is told "Only moderators can do that."
    And Tom is active
