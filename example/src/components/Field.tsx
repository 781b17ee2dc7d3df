import { StyleSheet, Text, TextInput, View } from 'react-native';

export function Field(props: {
  label: string;
  value: string;
  onChangeText: (text: string) => void;
  testID?: string;
}) {
  const { label, value, onChangeText, testID } = props;
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        testID={testID}
        style={styles.input}
        value={value}
        onChangeText={onChangeText}
        autoCapitalize="none"
        autoCorrect={false}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  field: { marginVertical: 4 },
  label: { fontSize: 12, color: '#555' },
  input: {
    borderColor: '#bbb',
    borderRadius: 4,
    borderWidth: 1,
    paddingHorizontal: 8,
    paddingVertical: 6,
    color: '#111',
  },
});
