var kiwigrid = kiwigrid || {};
kiwigrid.context = {
    channel: 'solarwatt',
    clientId: 'kiwigrid.desktop',
    userId: 'demo@example.com',
    accessToken: 'eyJ1c2VyX2lkIjoiZGVtbyJ9.c2ln',
    eventBusUrl: 'http://127.0.0.1:8080/kiwibus',
    locale: 'de_DE',
    timezone: 'Europe/Berlin'
};
