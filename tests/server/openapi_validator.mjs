// Checks real responses against shared/api/openapi.yaml: the status must be documented for the
// operation, and a JSON body must validate against the documented schema (JSON Schema 2020-12).
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenApiValidator {
  constructor(specPath) {
    this.spec = YAML.parse(readFileSync(specPath, 'utf8'));
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.spec, 'openapi');
    this.routes = Object.keys(this.spec.paths).map((template) => ({
      template,
      regex: new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
    }));
    this.cache = new Map();
    this.checked = 0;
  }

  // Returns a list of problems (empty when the response matches the contract). Requests outside
  // the documented operations (unknown paths, other methods: deliberate bad input) must still get
  // a problem+json error.
  validate(method, url, status, contentType, body) {
    const path = new URL(url).pathname;
    // A literal path ("/alerts/stream") wins over a template that would also match ("/alerts/{id}").
    const route = this.routes.find((r) => r.template === path) || this.routes.find((r) => r.regex.test(path));
    const operation = route && this.spec.paths[route.template][method.toLowerCase()];
    if (!operation) return method === 'OPTIONS' ? [] : this.validateProblem(`${method} ${path}`, status, contentType, body);
    let response = operation.responses[String(status)];
    let pointer = `#/paths/${escape(route.template)}/${method.toLowerCase()}/responses/${status}`;
    if (!response) return [`${method} ${route.template}: status ${status} not documented`];
    if (response.$ref) {
      pointer = response.$ref;
      response = response.$ref.split('/').slice(1).reduce((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.spec);
    }
    this.checked++;
    if (!response.content) return body ? [`${method} ${route.template} ${status}: a body where none is documented`] : [];
    const type = (contentType || '').split(';')[0].trim();
    if (!response.content[type]) return [`${method} ${route.template} ${status}: content type ${type} not documented`];
    if (!type.includes('json')) return [];
    const ref = `openapi${pointer}/content/${escape(type)}/schema`;
    let check = this.cache.get(ref);
    if (!check) this.cache.set(ref, (check = this.ajv.compile({ $ref: ref })));
    return check(body) ? [] : [`${method} ${route.template} ${status}: ${this.ajv.errorsText(check.errors)}`];
  }

  validateProblem(what, status, contentType, body) {
    this.checked++;
    if (status < 400) return [`${what}: outside the contract but answered ${status}`];
    if (!(contentType || '').startsWith('application/problem+json')) return [`${what}: ${status} is not problem+json`];
    const check = this.ajv.getSchema('openapi#/components/schemas/Problem');
    return check(body) ? [] : [`${what}: ${this.ajv.errorsText(check.errors)}`];
  }
}
