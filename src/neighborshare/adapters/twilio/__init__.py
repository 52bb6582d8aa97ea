"""Phone verification by SMS through Twilio Verify."""
