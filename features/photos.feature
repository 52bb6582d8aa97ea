Feature: Dish photos
  Photos are checked by their content, not their name; they are limited to 5 MB and 40
  megapixels, and re-encoded as a JPEG of at most 1280 px with EXIF (and so the location) removed.

  Background:
    Given Priya is a neighbor

  Scenario: A phone photo is shrunk and stripped of its location
    When Priya attaches a 3000 by 2000 photo from her phone
    Then the stored photo is a JPEG at most 1280 px on its longest side
    And the stored photo carries no EXIF, so no location
    And the photo's name doesn't reveal Priya

  Scenario: A file over 5 MB is refused
    When Priya attaches a 7 MB file
    Then Priya is told "That photo is over 5 MB. Please send a smaller one."
    And nothing was stored

  Scenario: A file that only pretends to be a photo is refused
    When Priya attaches a text file named dal.jpg
    Then Priya is told "That photo couldn't be used. Please send a JPEG or PNG under 5 MB."
    And nothing was stored

  Scenario: A decompression bomb is refused before it is decoded
    When Priya attaches an 8000 by 6000 pixel PNG of under 50 kB
    Then Priya is told "That photo is too large. Please send a smaller one."
    And nothing was stored
