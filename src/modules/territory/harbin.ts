/**
 * Harbin's 18 district-level units with their administrative division codes and the public consultation
 * phone numbers of their CDCs, as printed in the newspaper of 2021-11-05 (seed 000, "哈尔滨市及各区县(市)
 * 疾控中心咨询电话"). The city CDC answers on 51012320.
 */
export const CITY = { code: '230100', name: '哈尔滨市', shortName: '哈市', cdcPhone: '51012320' } as const;

export const DISTRICTS = [
  { code: '230102', name: '道里区', type: 'district', cdcPhone: '51669665', weight: 10 },
  { code: '230104', name: '道外区', type: 'district', cdcPhone: '57672096', weight: 9 },
  { code: '230103', name: '南岗区', type: 'district', cdcPhone: '86243577', weight: 12 },
  { code: '230110', name: '香坊区', type: 'district', cdcPhone: '55694618', weight: 10 },
  { code: '230108', name: '平房区', type: 'district', cdcPhone: '86520920', weight: 2 },
  { code: '230112', name: '阿城区', type: 'district', cdcPhone: '53722510', weight: 5 },
  { code: '230109', name: '松北区', type: 'district', cdcPhone: '88105166', weight: 3 },
  { code: '230111', name: '呼兰区', type: 'district', cdcPhone: '57321893', weight: 7 },
  { code: '230113', name: '双城区', type: 'district', cdcPhone: '53163181', weight: 7 },
  { code: '230123', name: '依兰县', type: 'county', cdcPhone: '57222573', weight: 3 },
  { code: '230126', name: '巴彦县', type: 'county', cdcPhone: '57502636', weight: 5 },
  { code: '230125', name: '宾县', type: 'county', cdcPhone: '57914255', weight: 5 },
  { code: '230124', name: '方正县', type: 'county', cdcPhone: '57112343', weight: 2 },
  { code: '230127', name: '木兰县', type: 'county', cdcPhone: '57083497', weight: 2 },
  { code: '230183', name: '尚志市', type: 'county_city', cdcPhone: '53324184', weight: 5 },
  { code: '230128', name: '通河县', type: 'county', cdcPhone: '57435030', weight: 2 },
  { code: '230184', name: '五常市', type: 'county_city', cdcPhone: '55802434', weight: 7 },
  { code: '230129', name: '延寿县', type: 'county', cdcPhone: '53067333', weight: 2 },
] as const;
