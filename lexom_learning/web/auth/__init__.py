"""Staff sign-in and sign-out; participants' entry through their personal link."""
