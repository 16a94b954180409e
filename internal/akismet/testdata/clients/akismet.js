// Runs the npm package akismet (2.0.7) against the test server:
//   node -r ./resolve.js akismet.js PORT KEY
// and prints one JSON object with what each call returned.
'use strict'
const akismet = require('akismet')

const [port, key] = process.argv.slice(2)
const client = akismet.client({
  blog: 'https://blog.example',
  apiKey: key,
  host: 'akismet.test',
  port: Number(port)
})

const ordinary = {
  user_ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0',
  permalink: 'https://blog.example/2026/04/story/',
  comment_type: 'comment',
  comment_author: 'Ann Reader',
  comment_author_email: 'ann@reader.example',
  comment_content: 'Thanks for this piece on the election, very clear.'
}
const guaranteed = { ...ordinary, comment_author: 'akismet-guaranteed-spam' }
const reported = { ...ordinary, comment_content: 'node akismet client reported this one' }

const p = (fn, ...args) =>
  new Promise((resolve) => fn.call(client, ...args, (err, v) => resolve(err ? 'error: ' + err.message : v)))

;(async () => {
  const out = {}
  out.verify = await p(client.verifyKey)
  out.spam = await p(client.checkComment, { ...guaranteed })
  out.ham = await p(client.checkComment, { ...ordinary })
  out.submitSpam = (await p(client.submitSpam, { ...reported })) || 'ok'
  out.submitHam = (await p(client.submitHam, { ...reported })) || 'ok'
  console.log(JSON.stringify(out))
})()
