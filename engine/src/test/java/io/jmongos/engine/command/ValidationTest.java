package io.jmongos.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmongos.engine.EngineTestBase;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class ValidationTest extends EngineTestBase {
    @Test
    void validatorRefusesInvalidWritesUnlessBypassed() {
        ok("{create: 'c', validator: {x: {$type: 'string'}}}");
        ok("{insert: 'c', documents: [{_id: 1, x: 'a'}]}");
        BsonDocument err = run("{insert: 'c', documents: [{_id: 2, x: 2}]}").getArray("writeErrors").get(0)
                .asDocument();
        assertThat(err.getInt32("code").getValue()).isEqualTo(121);
        assertThat(err.getString("errmsg").getValue()).isEqualTo("Document failed validation");
        assertThat(err.getDocument("errInfo").getInt32("failingDocumentId").getValue()).isEqualTo(2);
        assertThat(err.getDocument("errInfo").isDocument("details")).isTrue();
        ok("{insert: 'c', documents: [{_id: 3, x: 3}], bypassDocumentValidation: true}");
        BsonDocument fam = fails("{findAndModify: 'c', query: {_id: 1}, update: {$set: {x: 1}}}", 121);
        assertThat(fam.getDocument("errInfo").getInt32("failingDocumentId").getValue()).isEqualTo(1);
        assertThat(run("{update: 'c', updates: [{q: {_id: 1}, u: {$set: {x: 5}}}]}").getArray("writeErrors"))
                .hasSize(1);
        assertThat(findAll("{find: 'c', filter: {_id: 1}}").get(0).getString("x").getValue()).isEqualTo("a");
    }

    @Test
    void collModChangesValidatorAndLevel() {
        ok("{insert: 'c', documents: [{_id: 1, x: 1}]}");
        ok("{collMod: 'c', validator: {x: {$type: 'string'}}, validationLevel: 'moderate'}");
        ok("{update: 'c', updates: [{q: {_id: 1}, u: {$set: {x: 2}}}]}");
        assertThat(run("{insert: 'c', documents: [{_id: 2, x: 2}]}").getArray("writeErrors")).hasSize(1);
        ok("{collMod: 'c', validationAction: 'warn'}");
        ok("{insert: 'c', documents: [{_id: 2, x: 2}]}");
        fails("{collMod: 'nope', validator: {}}", 26);
        fails("{collMod: 'c', validationLevel: 'sometimes'}", 2);
        fails("{collMod: 'c', index: {name: 'x', hidden: true}}", 238);
        BsonDocument info = ok("{listCollections: 1}").getDocument("cursor").getArray("firstBatch").get(0)
                .asDocument();
        assertThat(info.getDocument("options").getString("validationLevel").getValue()).isEqualTo("moderate");
    }
}
