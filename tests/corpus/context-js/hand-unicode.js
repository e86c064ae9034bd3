userId: 'jörg😀 ',
 accessToken: 'ü'