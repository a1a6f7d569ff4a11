import { docsHeader, docsStyles } from '../docs/page-layout.js';

/**
 * A self-contained HTML page rendering the OpenAPI document: no CDN, no external script, because the
 * server may run without internet access. The document is embedded; the renderer is plain DOM code.
 */
export function renderDocsPage(document: Record<string, unknown>): string {
  // `<` is escaped so the embedded JSON can never close its script element.
  const embedded = JSON.stringify(document).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>unidir API reference</title>
<style>${docsStyles}
  details { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; margin: 8px 0; }
  #search { width: 100%; max-width: 420px; padding: 6px 8px; font-size: 15px; }
  h2 { margin-top: 40px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
  details { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; margin: 8px 0; }
  summary { cursor: pointer; padding: 8px 12px; font-family: ui-monospace, monospace; }
  .method { display: inline-block; min-width: 64px; font-weight: 700; }
  .get { color: #0a7d33; } .post { color: #1d5fd1; } .patch { color: #a15c00; } .delete { color: #c0262d; }
  .body { padding: 0 16px 12px; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
  code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f3f3f3; padding: 8px; overflow-x: auto; }
</style>
</head>
<body>
${docsHeader('reference')}
<main><input id="search" type="search" placeholder="Filter endpoints (e.g. delete users)" aria-label="Filter endpoints"><div id="content"></div></main>
<script type="application/json" id="openapi-document">${embedded}</script>
<script>
(function () {
  var documentData = JSON.parse(document.getElementById('openapi-document').textContent);
  var content = document.getElementById('content');
  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function typeOf(schema) {
    if (!schema) return '';
    if (schema.$ref) return schema.$ref.split('/').pop();
    if (schema.enum) return schema.enum.join(' | ');
    if (schema.type === 'array') return typeOf(schema.items) + '[]';
    if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
    return Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type || 'object';
  }
  function propertiesTable(schema) {
    var required = schema.required || [];
    var rows = Object.keys(schema.properties || {}).map(function (name) {
      var property = schema.properties[name];
      return element('tr', {}, [
        element('td', {}, [element('code', {}, [name])]),
        element('td', {}, [typeOf(property)]),
        element('td', {}, [required.indexOf(name) >= 0 ? 'required' : '']),
        element('td', {}, [property.description || ''])
      ]);
    });
    return element('table', {}, [element('tr', {}, [element('th', {}, ['Field']), element('th', {}, ['Type']), element('th', {}, ['']), element('th', {}, ['Description'])])].concat(rows));
  }
  var info = documentData.info || {};
  content.appendChild(element('h1', {}, [info.title + ' ' + info.version]));
  content.appendChild(element('p', {}, [info.description || '']));
  content.appendChild(element('h2', {}, ['Endpoints']));
  Object.keys(documentData.paths).forEach(function (path) {
    var item = documentData.paths[path];
    ['get', 'post', 'patch', 'delete'].forEach(function (method) {
      var operation = item[method];
      if (!operation) return;
      var parameters = (item.parameters || []).concat(operation.parameters || []);
      var body = element('div', { class: 'body' }, [element('p', {}, [operation.summary || ''])]);
      if (parameters.length) {
        body.appendChild(element('h4', {}, ['Parameters']));
        body.appendChild(element('table', {}, [element('tr', {}, [element('th', {}, ['Name']), element('th', {}, ['In']), element('th', {}, ['Type']), element('th', {}, ['Description'])])].concat(parameters.map(function (parameter) {
          return element('tr', {}, [
            element('td', {}, [element('code', {}, [parameter.name + (parameter.required ? ' *' : '')])]),
            element('td', {}, [parameter.in]),
            element('td', {}, [typeOf(parameter.schema)]),
            element('td', {}, [parameter.description || ''])
          ]);
        }))));
      }
      var requestBody = operation.requestBody && operation.requestBody.content['application/json'];
      if (requestBody) body.appendChild(element('p', {}, ['Body: ', element('code', {}, [typeOf(requestBody.schema)])]));
      body.appendChild(element('h4', {}, ['Responses']));
      Object.keys(operation.responses || {}).forEach(function (status) {
        var response = operation.responses[status];
        var types = Object.keys(response.content || {}).map(function (type) { return type + ': ' + typeOf(response.content[type].schema); });
        body.appendChild(element('div', {}, [element('code', {}, [status]), ' ' + response.description + (types.length ? ' — ' + types.join(', ') : '')]));
      });
      var anchor = operation.operationId ? 'operation-' + operation.operationId : '';
      content.appendChild(element('details', { id: anchor, class: 'operation', 'data-search': (method + ' ' + path + ' ' + (operation.summary || '')).toLowerCase() }, [element('summary', {}, [element('span', { class: 'method ' + method }, [method.toUpperCase()]), ' ' + path]), body]));
    });
  });
  var search = document.getElementById('search');
  search.addEventListener('input', function () {
    var words = search.value.toLowerCase().split(' ').filter(Boolean);
    Array.prototype.forEach.call(content.querySelectorAll('details.operation'), function (node) {
      var text = node.getAttribute('data-search');
      node.hidden = !words.every(function (word) { return text.indexOf(word) >= 0; });
    });
  });
  function openAnchor() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === 'DETAILS') { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener('hashchange', openAnchor);
  setTimeout(openAnchor, 0);
  content.appendChild(element('h2', {}, ['Schemas']));
  var schemas = (documentData.components || {}).schemas || {};
  Object.keys(schemas).forEach(function (name) {
    content.appendChild(element('details', { id: 'schema-' + name }, [element('summary', {}, [name]), element('div', { class: 'body' }, [propertiesTable(schemas[name])])]));
  });
})();
</script>
</body>
</html>
`;
}
