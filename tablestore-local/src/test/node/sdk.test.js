// Drives tablestore-local with the unmodified official Node.js SDK (npm `tablestore`). Run by NodeSdkTest, which
// starts the server and passes its address in OTS_ENDPOINT / OTS_INSTANCE / OTS_ACCESS_KEY_ID /
// OTS_ACCESS_KEY_SECRET, and afterwards reads the stream of OTS_STREAM_TABLE with the Java SDK.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const TableStore = require('tablestore');

const Long = TableStore.Long;
const client = new TableStore.Client({
  accessKeyId: process.env.OTS_ACCESS_KEY_ID,
  secretAccessKey: process.env.OTS_ACCESS_KEY_SECRET,
  endpoint: process.env.OTS_ENDPOINT,
  instancename: process.env.OTS_INSTANCE,
  maxRetries: 0,
});
const IGNORE = new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, null);

async function createTable(name, primaryKey, extra = {}) {
  await client.createTable(Object.assign({
    tableMeta: { tableName: name, primaryKey },
    reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
    tableOptions: { timeToLive: -1, maxVersions: 3 },
  }, extra));
}

const PK = [{ name: 'pk', type: 'STRING' }, { name: 'n', type: 'INTEGER' }];
const key = (s, n) => [{ pk: s }, { n: Long.fromNumber(n) }];

// The SDK reports a service error with the HTTP status as `code` and the raw protobuf Error (code and message
// strings) in `message`.
async function rejectsWith(promise, status, otsCode, text) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.code, status, String(e.message));
    assert.match(String(e.message), new RegExp(otsCode));
    if (text) {
      assert.ok(String(e.message).includes(text), `expected "${text}" in ${e.message}`);
    }
    return true;
  });
}

function attr(row, name) {
  return row.attributes.filter((a) => a.columnName === name);
}

test('tables: create, list, describe (table status, stream details), update, delete', async () => {
  await createTable('node_tables', PK, { streamSpecification: { enableStream: true, expirationTime: 12 } });
  const list = await client.listTable({});
  assert.ok(list.tableNames.includes('node_tables'));
  const d = await client.describeTable({ tableName: 'node_tables' });
  assert.equal(d.tableStatus, 1); // ACTIVE
  assert.deepEqual(d.tableMeta.primaryKey.map((c) => c.name), ['pk', 'n']);
  assert.equal(d.tableOptions.maxVersions, 3);
  assert.equal(d.streamDetails.enableStream, true);
  assert.equal(d.streamDetails.expirationTime, 12);
  const u = await client.updateTable({ tableName: 'node_tables', tableOptions: { maxVersions: 5 } });
  assert.equal(u.tableOptions.maxVersions, 5);
  await client.deleteTable({ tableName: 'node_tables' });
  await rejectsWith(client.describeTable({ tableName: 'node_tables' }), 404, 'OTSObjectNotExist',
    'Requested table does not exist.');
});

test('rows: put with explicit timestamps, get, update (put, delete one version, delete all), delete', async () => {
  await createTable('node_rows', PK);
  const ts = Date.now() - 1000;
  await client.putRow({
    tableName: 'node_rows', condition: IGNORE, primaryKey: key('a', 1),
    attributeColumns: [{ s: 'v1', timestamp: Long.fromNumber(ts) }, { i: Long.fromNumber(7) }, { b: true },
      { d: 1.5 }, { bin: Buffer.from([1, 2, 3]) }],
  });
  await client.updateRow({
    tableName: 'node_rows', condition: IGNORE, primaryKey: key('a', 1),
    updateOfAttributeColumns: [{ PUT: [{ s: 'v2', timestamp: Long.fromNumber(ts + 1) }] }],
  });
  let g = await client.getRow({ tableName: 'node_rows', primaryKey: key('a', 1), maxVersions: 3 });
  assert.deepEqual(attr(g.row, 's').map((c) => [c.columnValue, Number(c.timestamp)]), [['v2', ts + 1], ['v1', ts]]);
  assert.equal(Number(attr(g.row, 'i')[0].columnValue), 7);
  assert.equal(attr(g.row, 'b')[0].columnValue, true);
  assert.equal(attr(g.row, 'd')[0].columnValue, 1.5);
  assert.deepEqual([...attr(g.row, 'bin')[0].columnValue], [1, 2, 3]);

  await client.updateRow({
    tableName: 'node_rows', condition: IGNORE, primaryKey: key('a', 1),
    updateOfAttributeColumns: [{ DELETE: [{ s: Long.fromNumber(ts + 1) }] }, { DELETE_ALL: ['b'] }],
  });
  g = await client.getRow({ tableName: 'node_rows', primaryKey: key('a', 1), maxVersions: 3 });
  assert.deepEqual(attr(g.row, 's').map((c) => c.columnValue), ['v1']);
  assert.equal(attr(g.row, 'b').length, 0);

  await client.deleteRow({ tableName: 'node_rows', condition: IGNORE, primaryKey: key('a', 1) });
  g = await client.getRow({ tableName: 'node_rows', primaryKey: key('a', 1), maxVersions: 1 });
  assert.deepEqual(g.row, {});
});

test('conditions: row existence and column conditions', async () => {
  await createTable('node_cond', PK);
  await client.putRow({ tableName: 'node_cond', condition: IGNORE, primaryKey: key('c', 1),
    attributeColumns: [{ name: 'john' }, { addr: 'china' }] });
  await rejectsWith(client.putRow({
    tableName: 'node_cond', primaryKey: key('c', 1), attributeColumns: [{ name: 'x' }],
    condition: new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, null),
  }), 403, 'OTSConditionCheckFail', 'Condition check failed.');

  const both = new TableStore.CompositeCondition(TableStore.LogicalOperator.AND);
  both.addSubCondition(new TableStore.SingleColumnCondition('name', 'john', TableStore.ComparatorType.EQUAL));
  both.addSubCondition(new TableStore.SingleColumnCondition('addr', 'china', TableStore.ComparatorType.EQUAL));
  await client.updateRow({
    tableName: 'node_cond', primaryKey: key('c', 1), updateOfAttributeColumns: [{ PUT: [{ seen: true }] }],
    condition: new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST, both),
  });
  await rejectsWith(client.updateRow({
    tableName: 'node_cond', primaryKey: key('c', 1), updateOfAttributeColumns: [{ PUT: [{ seen: false }] }],
    condition: new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST,
      new TableStore.SingleColumnCondition('name', 'jane', TableStore.ComparatorType.EQUAL)),
  }), 403, 'OTSConditionCheckFail');
  const g = await client.getRow({ tableName: 'node_cond', primaryKey: key('c', 1), maxVersions: 1 });
  assert.equal(attr(g.row, 'seen')[0].columnValue, true);
});

test('batch write and batch get, range paging over INF_MIN..INF_MAX in both directions', async () => {
  await createTable('node_range', PK);
  const rows = [];
  for (let n = 0; n < 25; n++) {
    rows.push({ type: 'PUT', condition: IGNORE, primaryKey: key('r', n), attributeColumns: [{ v: Long.fromNumber(n) }],
      returnContent: { returnType: TableStore.ReturnType.Primarykey } });
  }
  const w = await client.batchWriteRow({ tables: [{ tableName: 'node_range', rows }] });
  assert.equal(w.tables.length, 25);
  assert.ok(w.tables.every((r) => r.isOk), JSON.stringify(w.tables.filter((r) => !r.isOk)));

  const bg = await client.batchGetRow({ tables: [{ tableName: 'node_range', maxVersions: 1,
    primaryKey: [key('r', 3), key('r', 30)] }] });
  assert.equal(bg.tables[0].length, 2);
  assert.ok(bg.tables[0].every((r) => r.isOk));
  assert.equal(Number(attr(bg.tables[0][0], 'v')[0].columnValue), 3);
  assert.equal(bg.tables[0][1].primaryKey, null);

  for (const direction of [TableStore.Direction.FORWARD, TableStore.Direction.BACKWARD]) {
    const forward = direction === TableStore.Direction.FORWARD;
    let start = forward ? [{ pk: TableStore.INF_MIN }, { n: TableStore.INF_MIN }]
      : [{ pk: TableStore.INF_MAX }, { n: TableStore.INF_MAX }];
    const end = forward ? [{ pk: TableStore.INF_MAX }, { n: TableStore.INF_MAX }]
      : [{ pk: TableStore.INF_MIN }, { n: TableStore.INF_MIN }];
    const seen = [];
    let pages = 0;
    do {
      const r = await client.getRange({ tableName: 'node_range', direction, maxVersions: 1, limit: 10,
        inclusiveStartPrimaryKey: start, exclusiveEndPrimaryKey: end });
      pages++;
      r.rows.forEach((row) => seen.push(Number(row.primaryKey[1].value)));
      start = r.nextStartPrimaryKey
        ? [{ pk: r.nextStartPrimaryKey[0].value }, { n: r.nextStartPrimaryKey[1].value }] : null;
    } while (start);
    const expected = [...Array(25).keys()];
    assert.deepEqual(seen, forward ? expected : expected.reverse());
    assert.equal(pages, 3);
  }
});

test('auto-increment primary key: generated, increasing, returned with RT_PK', async () => {
  await createTable('node_autoinc', [{ name: 'pk', type: 'STRING' }, { name: 'id', type: 'INTEGER', option: 'AUTO_INCREMENT' }],
    { tableOptions: { timeToLive: -1, maxVersions: 1 } });
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await client.putRow({ tableName: 'node_autoinc', condition: IGNORE,
      primaryKey: [{ pk: 'p' }, { id: TableStore.PK_AUTO_INCR }], attributeColumns: [{ i: Long.fromNumber(i) }],
      returnContent: { returnType: TableStore.ReturnType.Primarykey } });
    ids.push(BigInt(r.row.primaryKey[1].value.toString()));
  }
  assert.ok(ids[0] < ids[1] && ids[1] < ids[2], ids.join(','));
  const g = await client.getRow({ tableName: 'node_autoinc', maxVersions: 1,
    primaryKey: [{ pk: 'p' }, { id: Long.fromString(ids[1].toString()) }] });
  assert.equal(Number(attr(g.row, 'i')[0].columnValue), 1);
});

test('stream: the Node.js writes land in the stream (read back by the Java SDK)', async () => {
  const table = process.env.OTS_STREAM_TABLE;
  await createTable(table, PK, { streamSpecification: { enableStream: true, expirationTime: 24 } });
  const d = await client.describeTable({ tableName: table });
  assert.equal(d.streamDetails.enableStream, true);
  const ts = Number(process.env.OTS_STREAM_TS);
  await client.putRow({ tableName: table, condition: IGNORE, primaryKey: key('s', 1),
    attributeColumns: [{ a: 'x', timestamp: Long.fromNumber(ts) }, { b: Long.fromNumber(2), timestamp: Long.fromNumber(ts) }] });
  await client.updateRow({ tableName: table, condition: IGNORE, primaryKey: key('s', 1),
    updateOfAttributeColumns: [{ PUT: [{ c: 'y', timestamp: Long.fromNumber(ts + 1) }] },
      { DELETE: [{ a: Long.fromNumber(ts) }] }, { DELETE_ALL: ['b'] }] });
  await client.deleteRow({ tableName: table, condition: IGNORE, primaryKey: key('s', 1) });
});
