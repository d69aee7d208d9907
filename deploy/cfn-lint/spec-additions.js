// cfn-lint 1.9.7 (the newest on npm; PyPI's cfn-lint is not reachable here) bundles a 2019
// CloudFormation resource specification. This adds the properties the kit uses that AWS added
// since, each as the current CloudFormation reference documents it, and nothing else.
// Runs after `npm install` (postinstall); idempotent.
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, 'node_modules/cfn-lint/data/aws_resources_specification.json');
const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
const doc = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/';

const additions = {
  // Alarms on Metrics Insights queries give the query's granularity here.
  'AWS::CloudWatch::Alarm.MetricDataQuery': {
    Period: {
      Documentation: doc + 'aws-properties-cloudwatch-alarm-metricdataquery.html#cfn-cloudwatch-alarm-metricdataquery-period',
      PrimitiveType: 'Integer',
      Required: false,
      UpdateType: 'Mutable',
    },
    AccountId: {
      Documentation: doc + 'aws-properties-cloudwatch-alarm-metricdataquery.html#cfn-cloudwatch-alarm-metricdataquery-accountid',
      PrimitiveType: 'String',
      Required: false,
      UpdateType: 'Mutable',
    },
  },
};

for (const [type, properties] of Object.entries(additions)) {
  const target = spec.PropertyTypes[type];
  if (!target) {
    throw new Error('cfn-lint specification has no ' + type);
  }
  Object.assign(target.Properties, properties);
}
fs.writeFileSync(file, JSON.stringify(spec));
