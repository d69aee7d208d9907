// Lints CloudFormation templates with cfn-lint 1.9.7 (npm), whose AWS resource specification is
// from 2019 (2.29.0). The kit's templates use a few types and properties AWS added since:
// they are declared below as the CloudFormation reference documents them (type, required), and
// everything else is checked against the linter's own specification, as `cfn-lint validate` does.
// Usage: node lint-current-types.js TEMPLATE...   (exit 1 when any template is invalid)
'use strict';
const spec = require('cfn-lint/lib/resourcesSpec');
const api = require('cfn-lint/lib/api');

const DOCS = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/';
const prop = (type, required, page) =>
  Object.assign({Documentation: DOCS + page, Required: required, UpdateType: 'Mutable'}, type);

spec.extendSpecification({
  ResourceTypes: {
    // a partner event bus (Okta Log Streaming): named after its partner event source
    'AWS::Events::EventBus': {
      Documentation: DOCS + 'aws-resource-events-eventbus.html',
      Attributes: {Arn: {PrimitiveType: 'String'}, Name: {PrimitiveType: 'String'}},
      Properties: {
        Name: prop({PrimitiveType: 'String'}, true, 'aws-resource-events-eventbus.html'),
        EventSourceName: prop({PrimitiveType: 'String'}, false, 'aws-resource-events-eventbus.html'),
      },
    },
    'AWS::Events::Rule': {
      Properties: {
        EventBusName: prop({PrimitiveType: 'String'}, false, 'aws-resource-events-rule.html'),
      },
    },
  },
  PropertyTypes: {
    // alarms on Metrics Insights queries give the query's granularity (managed-flink/template.yaml)
    'AWS::CloudWatch::Alarm.MetricDataQuery': {
      Properties: {
        Period: prop({PrimitiveType: 'Integer'}, false, 'aws-properties-cloudwatch-alarm-metricdataquery.html'),
        AccountId: prop({PrimitiveType: 'String'}, false, 'aws-properties-cloudwatch-alarm-metricdataquery.html'),
      },
    },
    'AWS::Events::Rule.Target': {
      Properties: {
        RetryPolicy: prop({Type: 'RetryPolicy'}, false, 'aws-properties-events-rule-target.html'),
        DeadLetterConfig: prop({Type: 'DeadLetterConfig'}, false, 'aws-properties-events-rule-target.html'),
      },
    },
    'AWS::Events::Rule.RetryPolicy': {
      Documentation: DOCS + 'aws-properties-events-rule-retrypolicy.html',
      Properties: {
        MaximumEventAgeInSeconds: prop({PrimitiveType: 'Integer'}, false, 'aws-properties-events-rule-retrypolicy.html'),
        MaximumRetryAttempts: prop({PrimitiveType: 'Integer'}, false, 'aws-properties-events-rule-retrypolicy.html'),
      },
    },
    'AWS::Events::Rule.DeadLetterConfig': {
      Documentation: DOCS + 'aws-properties-events-rule-deadletterconfig.html',
      Properties: {
        Arn: prop({PrimitiveType: 'String'}, false, 'aws-properties-events-rule-deadletterconfig.html'),
      },
    },
  },
});

let invalid = 0;
for (const file of process.argv.slice(2)) {
  const result = api.validateFile(file);
  const {crit, warn} = result.errors;
  for (const e of crit.concat(warn)) {
    console.log(`${file}: ${crit.includes(e) ? 'error' : 'warning'}: ${e.resource}: ${e.message}`);
  }
  if (!result.templateValid || crit.length > 0) {
    invalid++;
  }
  console.log(`${file}: ${result.templateValid && crit.length === 0 ? 'valid' : 'INVALID'}`);
}
process.exit(invalid > 0 ? 1 : 0);
