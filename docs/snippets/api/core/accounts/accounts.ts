const email = `ada.${crypto.randomUUID()}@example.com`;
await pauz.accounts.register({ email, password: 'correct horse battery' });
// The HTTP layer passes the client address; a script passes what it knows.
const { token } = await pauz.accounts.login({ email, password: 'correct horse battery' }, { source: '203.0.113.7' });
console.log(token.startsWith('pauz_')); // true
