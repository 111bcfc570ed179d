// Validates Grafana dashboards against dashboard.schema.json (draft-07).
// Usage: NODE_PATH=/usr/share/nodejs node validate-dashboards.js SCHEMA DASHBOARD.json...
// Needs ajv (Debian: apt-get install nodejs node-ajv). Exit 1 and the errors when one is invalid.
'use strict';
const Ajv = require('ajv');
const fs = require('fs');
const [schemaFile, ...dashboards] = process.argv.slice(2);
if (!schemaFile || dashboards.length === 0) {
  console.error('usage: validate-dashboards.js SCHEMA DASHBOARD.json...');
  process.exit(2);
}
const validate = new Ajv({allErrors: true}).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
let invalid = 0;
for (const file of dashboards) {
  if (validate(JSON.parse(fs.readFileSync(file, 'utf8')))) {
    console.log(file + ': valid');
  } else {
    invalid++;
    for (const e of validate.errors) {
      console.log(file + ': ' + (e.dataPath || e.instancePath || '/') + ' ' + e.message
          + (e.params ? ' ' + JSON.stringify(e.params) : ''));
    }
  }
}
process.exit(invalid ? 1 : 0);
