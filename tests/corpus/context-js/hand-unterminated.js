accessToken: 'abc
',